// Progressive enhancement of the survey form (works without it): a live
// comment counter and a guard against double taps on the submit button.
(function () {
  var form = document.querySelector('form[data-survey]');
  if (!form) return;
  var comment = form.querySelector('#comment');
  var hint = document.getElementById('comment-hint');
  if (comment && hint) {
    var max = Number(hint.getAttribute('data-max'));
    var unit = hint.getAttribute('data-unit');
    var update = function () { hint.textContent = comment.value.length + '/' + max + ' ' + unit; };
    comment.addEventListener('input', update);
    update();
  }
  var sent = false;
  var button = form.querySelector('button[type=submit]');
  var label = button ? button.textContent : '';
  form.addEventListener('submit', function (e) {
    if (sent) { e.preventDefault(); return; }
    sent = true;
    if (button) {
      button.setAttribute('aria-disabled', 'true');
      button.textContent = button.getAttribute('data-sending');
    }
  });
  // Back from the thank-you page restores this page from the cache: allow sending again
  // (the server still stores one response for the same submission id).
  window.addEventListener('pageshow', function () {
    sent = false;
    if (button) { button.removeAttribute('aria-disabled'); button.textContent = label; }
  });
  var alert = document.getElementById('form-errors');
  if (alert) alert.focus();
})();
