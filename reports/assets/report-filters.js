(function () {
  'use strict';
  var bar = document.getElementById('filters');
  if (!bar) return;
  var api = document.getElementById('filter-api');
  var verdict = document.getElementById('filter-verdict');
  var search = document.getElementById('filter-search');
  var count = document.getElementById('filter-count');
  // The matrix's per-API groups are opened or hidden by the rows they hold, not filtered as items.
  var groups = Array.prototype.slice.call(document.querySelectorAll('details.matrix-group'));
  var items = Array.prototype.slice.call(document.querySelectorAll('[data-api]:not(.matrix-group)'));
  var texts = items.map(function (item) { return item.textContent.toLowerCase(); });
  var openBeforeFiltering = null;

  function matches(item, index, wantedApi, wantedVerdict, query) {
    if (wantedApi && item.getAttribute('data-api') !== wantedApi) return false;
    if (!item.hasAttribute('data-verdict')) return true;
    if (wantedVerdict && item.getAttribute('data-verdict') !== wantedVerdict) return false;
    return !query || texts[index].indexOf(query) !== -1;
  }

  // While a filter is on, a group is open when it holds a match and hidden when it holds none;
  // clearing the filters gives back the groups as the reader had left them.
  function showGroups(filtering) {
    if (filtering && !openBeforeFiltering) openBeforeFiltering = groups.map(function (group) { return group.open; });
    groups.forEach(function (group, index) {
      var shown = group.querySelectorAll('tr[data-verdict]:not(.is-hidden)').length;
      group.classList.toggle('is-hidden', filtering && shown === 0);
      if (filtering) group.open = shown > 0;
      else if (openBeforeFiltering) group.open = openBeforeFiltering[index];
    });
    if (!filtering) openBeforeFiltering = null;
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
    showGroups(Boolean(wantedApi || wantedVerdict || query));
    count.textContent = shown + ' of ' + rows + ' requirements shown';
  }

  api.addEventListener('change', apply);
  verdict.addEventListener('change', apply);
  search.addEventListener('input', apply);
  bar.hidden = false;
  apply();
})();
