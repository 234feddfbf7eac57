(function () {
  'use strict';
  var bar = document.getElementById('filters');
  if (!bar) return;
  var api = document.getElementById('filter-api');
  var verdict = document.getElementById('filter-verdict');
  var search = document.getElementById('filter-search');
  var count = document.getElementById('filter-count');
  var items = Array.prototype.slice.call(document.querySelectorAll('[data-api]'));
  var texts = items.map(function (item) { return item.textContent.toLowerCase(); });

  function matches(item, index, wantedApi, wantedVerdict, query) {
    if (wantedApi && item.getAttribute('data-api') !== wantedApi) return false;
    if (!item.hasAttribute('data-verdict')) return true;
    if (wantedVerdict && item.getAttribute('data-verdict') !== wantedVerdict) return false;
    return !query || texts[index].indexOf(query) !== -1;
  }

  function apply() {
    var wantedApi = api.value;
    var wantedVerdict = verdict.value;
    var query = search.value.trim().toLowerCase();
    var rows = 0;
    var shown = 0;
    items.forEach(function (item, index) {
      var show = matches(item, index, wantedApi, wantedVerdict, query);
      item.classList.toggle('is-hidden', !show);
      if (item.tagName === 'TR' && item.hasAttribute('data-verdict') && item.closest('#matrix')) {
        rows += 1;
        if (show) shown += 1;
      }
    });
    count.textContent = shown + ' of ' + rows + ' requirements shown';
  }

  api.addEventListener('change', apply);
  verdict.addEventListener('change', apply);
  search.addEventListener('input', apply);
  bar.hidden = false;
  apply();
})();
