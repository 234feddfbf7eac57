/** A copy-paste curl command reproducing one request (headers already redacted by the caller). */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlCommand(method: string, url: string, headers: Record<string, string>, body: string | undefined): string {
  const parts = ['curl', '-i', '-X', method, shellQuote(url)];
  for (const [name, value] of Object.entries(headers)) parts.push('-H', shellQuote(`${name}: ${value}`));
  if (body !== undefined) parts.push('--data-binary', shellQuote(body));
  return parts.join(' ');
}
