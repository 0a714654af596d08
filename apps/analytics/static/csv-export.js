// CSV of a dashboard table, made in the browser from the values the routes answered (RFC 4180:
// comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote or a line
// break, its quotes doubled). A text cell starting with = + - @ (or a tab or carriage return)
// is what a spreadsheet would run as a formula, so it gets a leading apostrophe and stays text
// (OWASP "CSV Injection"); numbers are written as numbers.
'use strict';

(() => {
  const FORMULA_START = /^[=+\-@\t\r]/;
  const NEEDS_QUOTES = /[",\r\n]/;

  /** One field: empty for null or undefined, JSON for an object. */
  function csvField(value) {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    let text = typeof value === 'string' ? value : JSON.stringify(value);
    if (FORMULA_START.test(text)) text = `'${text}`;
    return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  }

  /** The header line of `columns`' labels, then a line per row of values. */
  function csvText(columns, rows) {
    const lines = [columns, ...rows].map((cells) => cells.map(csvField).join(','));
    return `${lines.join('\r\n')}\r\n`;
  }

  /** Saves the CSV as `filename` through a link to a blob (nothing leaves the page). */
  function downloadCsv(filename, columns, rows) {
    const blob = new Blob([csvText(columns, rows)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  window.hirestreamCsv = Object.freeze({ csvField, csvText, downloadCsv });
})();
