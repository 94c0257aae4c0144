// ladder dashboard: small conveniences only; every page works without it.
// Suggests areas while typing in the search box (from /api/v1/areas?q=).
(function () {
  var input = document.getElementById('q');
  var list = document.getElementById('suggest');
  if (!input || !list) return;
  var lang = document.documentElement.lang === 'en' ? '&lang=en' : '';
  var timer = null;
  var asked = 0; // answers may arrive out of order: only the latest counts
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) { list.innerHTML = ''; return; }
    timer = setTimeout(function () {
      var mine = ++asked;
      fetch('/api/v1/areas?q=' + encodeURIComponent(q) + lang).then(function (r) { return r.json(); }).then(function (areas) {
        if (mine !== asked) return;
        list.innerHTML = '';
        areas.slice(0, 12).forEach(function (a) {
          var li = document.createElement('li');
          var link = document.createElement('a');
          link.href = '/area/' + encodeURIComponent(a.code) + (lang ? '?lang=en' : '');
          link.textContent = a.name + ' (' + a.level + ' ' + a.code + ')';
          li.appendChild(link);
          list.appendChild(li);
        });
      }).catch(function () { list.innerHTML = ''; });
    }, 150);
  });
})();
