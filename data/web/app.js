// ladder dashboard: small conveniences only; every page works without it.
// Suggests areas while typing in the search box (from /api/v1/areas?q=), as
// an ARIA combobox: Down and Up move through the suggestions, Enter follows
// the chosen one, Escape closes the list. A suggestion keeps the year and
// edition (and map) chosen in the form (or in the page's address) and the
// language. Old names of merged municipalities say what became of them.
(function () {
  var input = document.getElementById('q');
  var list = document.getElementById('suggest');
  if (!input || !list) return;
  var en = document.documentElement.lang === 'en';
  var timer = null;
  var asked = 0; // answers may arrive out of order: only the latest counts
  var active = -1;

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', 'suggest');
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', en ? 'Suggestions' : 'Suggesties');
  list.removeAttribute('aria-live');
  // the number of suggestions is announced here, not by the list itself
  var status = document.createElement('p');
  status.className = 'sr-only';
  status.setAttribute('role', 'status');
  list.parentNode.insertBefore(status, list.nextSibling);

  // year, edition and language to keep: the form's pickers, else the address
  function keep() {
    var here = new URLSearchParams(location.search);
    var form = input.form;
    var out = new URLSearchParams();
    ['year', 'edition', 'geography'].forEach(function (name) {
      var field = form && form.elements[name];
      var v = field ? field.value : here.get(name);
      if (v) out.set(name, v);
    });
    if (en) out.set('lang', 'en');
    var s = out.toString();
    return s ? '?' + s : '';
  }

  function options() { return list.querySelectorAll('[role=option]'); }

  function close() {
    list.innerHTML = '';
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function choose(i) {
    var opts = options();
    if (!opts.length) return;
    active = (i + opts.length) % opts.length;
    for (var k = 0; k < opts.length; k++) opts[k].setAttribute('aria-selected', k === active ? 'true' : 'false');
    input.setAttribute('aria-activedescendant', opts[active].id);
    opts[active].scrollIntoView({ block: 'nearest' });
  }

  // since: the first year of an area that came later (a merger's
  // successor): shown on its own map when the chosen year is older;
  // until: the last year of one that ended: its page shows its last year
  // when the chosen year is later
  function option(code, label, since, until) {
    // the link is the option (a link inside an option would be a control
    // inside a control, which screen readers may not reach; axe
    // nested-interactive); the item around it is only layout
    var li = document.createElement('li');
    li.setAttribute('role', 'none');
    var link = document.createElement('a');
    link.id = 'suggest-' + list.children.length;
    link.setAttribute('role', 'option');
    link.setAttribute('aria-selected', 'false');
    var q = new URLSearchParams(keep());
    var year = parseInt(q.get('year') || '0', 10);
    if (since && year && year < since && !q.get('geography')) q.set('geography', String(since));
    if (until && year && year > until && !q.get('geography')) q.delete('year');
    var qs = q.toString();
    link.href = '/area/' + encodeURIComponent(code) + (qs ? '?' + qs : '');
    link.tabIndex = -1; // the combobox keeps the focus; arrows choose
    link.textContent = label;
    li.appendChild(link);
    list.appendChild(li);
  }

  // An old name says what became of it ("Nevele (sinds 2019 deel van
  // Deinze)"), its successor offered right after it.
  function show(areas) {
    // a late answer keeps the option chosen meanwhile (else Enter would
    // send the form instead of following it)
    var was = active >= 0 ? options()[active].getAttribute('href') : null;
    close();
    var seen = {};
    areas.slice(0, 12).forEach(function (a) {
      if (seen[a.code]) return;
      seen[a.code] = true;
      var what = (a.level_name || a.level) + ' ' + a.code;
      option(a.code, a.name + ' (' + (a.successor ? a.note : a.note ? what + ', ' + a.note : what) + ')',
        parseInt(a.valid_from || '0', 10), parseInt(a.valid_to || '0', 10));
      var s = a.successor;
      if (s && !seen[s.code] && !areas.slice(0, 12).some(function (b) { return b.code === s.code; })) {
        seen[s.code] = true;
        option(s.code, s.name + ' (' + s.level_name + ' ' + s.code + ')', parseInt(s.valid_from, 10));
      }
    });
    var opts = options(), n = opts.length;
    input.setAttribute('aria-expanded', n ? 'true' : 'false');
    for (var k = 0; was && k < n; k++) if (opts[k].getAttribute('href') === was) choose(k);
    status.textContent = n ? n + (en ? (n === 1 ? ' suggestion' : ' suggestions') : (n === 1 ? ' suggestie' : ' suggesties'))
      : (en ? 'no suggestions' : 'geen suggesties');
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) { close(); status.textContent = ''; return; }
    timer = setTimeout(function () {
      var mine = ++asked;
      var y = keep().replace(/^\?/, '').split('&').filter(function (p) { return /^(year|geography)=/.test(p); });
      fetch('/api/v1/areas?q=' + encodeURIComponent(q) + (y.length ? '&' + y.join('&') : '') + (en ? '&lang=en' : ''))
        .then(function (r) { return r.json(); })
        .then(function (areas) { if (mine === asked) show(areas); })
        .catch(function () { close(); });
    }, 150);
  });

  input.addEventListener('keydown', function (e) {
    var n = options().length;
    if (e.key === 'ArrowDown' && n) {
      e.preventDefault();
      choose(active + 1);
    } else if (e.key === 'ArrowUp' && n) {
      e.preventDefault();
      choose(active < 0 ? n - 1 : active - 1);
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault(); // follow the chosen suggestion, not the form
      location.href = options()[active].href;
    } else if (e.key === 'Escape' && n) {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', function () {
    // a click on a suggestion lands before the list goes
    setTimeout(function () { if (document.activeElement !== input) close(); }, 200);
  });
})();
