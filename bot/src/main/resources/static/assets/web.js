// WarRoom web: posts lines and presses without reloading, shows answers as a toast, and
// follows the server-sent events of the page (new and edited messages; board refreshes).
(function () {
  'use strict';
  var csrfMeta = document.querySelector('meta[name="csrf"]');
  var csrf = csrfMeta ? csrfMeta.getAttribute('content') : '';
  var toastTimer = null;

  function toast(text, alert) {
    var box = document.getElementById('toast');
    if (!box || !text) { return; }
    box.textContent = text;
    box.className = alert ? 'toast alert' : 'toast';
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { box.hidden = true; }, alert ? 6000 : 3000);
  }

  function post(form) {
    var body = new URLSearchParams(new FormData(form));
    return fetch(form.getAttribute('action'), {
      method: 'POST',
      headers: { 'Accept': 'application/json', 'X-CSRF-Token': csrf },
      body: body,
      credentials: 'same-origin'
    }).then(function (response) {
      if (response.status === 401) { window.location.reload(); return null; }
      if (!response.ok) {
        return response.text().then(function (text) { toast(text || ('HTTP ' + response.status), true); return null; });
      }
      return response.json();
    }).then(function (answer) {
      if (answer && answer.notices) {
        answer.notices.forEach(function (notice) { toast(notice.text, notice.alert); });
      }
      return answer;
    }).catch(function () { toast(document.body.getAttribute('data-offline') || '网络错误，请重试。', true); });
  }

  // --- chat ----------------------------------------------------------------------------
  var chat = document.querySelector('.chat');
  if (chat) {
    var list = document.getElementById('messages');
    var composer = document.getElementById('composer');
    var text = document.getElementById('text');
    var replyTo = document.getElementById('reply-to');
    var replying = document.getElementById('replying');
    var replyingLabel = document.getElementById('replying-label');
    var rev = parseInt(chat.getAttribute('data-rev') || '0', 10);

    var nearBottom = function () { return list.scrollHeight - list.scrollTop - list.clientHeight < 120; };
    var toBottom = function () { list.scrollTop = list.scrollHeight; };
    toBottom();

    var clearReply = function () { replyTo.value = ''; replying.hidden = true; };
    document.getElementById('reply-cancel').addEventListener('click', clearReply);

    list.addEventListener('submit', function (event) {
      var form = event.target;
      if (!form.classList.contains('press')) { return; }
      event.preventDefault();
      var button = form.querySelector('button');
      button.disabled = true;
      post(form).then(function () { button.disabled = false; });
    });
    list.addEventListener('click', function (event) {
      var reply = event.target.closest('.reply');
      if (!reply) { return; }
      replyTo.value = reply.getAttribute('data-reply');
      replyingLabel.textContent = replyingLabel.getAttribute('data-template').replace('{0}', reply.getAttribute('data-label'));
      replying.hidden = false;
      text.focus();
    });
    composer.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!text.value.trim()) { text.focus(); return; }
      var send = composer.querySelector('.send');
      send.disabled = true;
      post(composer).then(function (answer) {
        send.disabled = false;
        if (answer) { text.value = ''; clearReply(); text.style.height = ''; }
        text.focus();
      });
    });
    text.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        composer.requestSubmit();
      }
    });
    text.addEventListener('input', function () {
      text.style.height = '';
      text.style.height = Math.min(text.scrollHeight + 2, 160) + 'px';
    });
    composer.addEventListener('click', function (event) {
      var command = event.target.closest('.command');
      if (!command) { return; }
      text.value = command.getAttribute('data-command');
      composer.querySelector('details').open = false;
      text.focus();
    });

    var live = document.getElementById('live');
    var source = new EventSource(chat.getAttribute('data-events') + '?since=' + rev);
    source.addEventListener('message', function (event) {
      var data = JSON.parse(event.data);
      var stick = nearBottom();
      var holder = document.createElement('div');
      holder.innerHTML = data.html; // rendered and escaped by the server
      var fresh = holder.firstElementChild;
      var old = document.getElementById('m-' + data.id);
      var empty = document.getElementById('empty');
      if (empty) { empty.remove(); }
      if (old) {
        old.replaceWith(fresh);
      } else {
        list.appendChild(fresh);
      }
      fresh.classList.add('flash');
      if (stick || !old) { toBottom(); }
    });
    source.addEventListener('expired', function () { source.close(); window.location.reload(); });
    source.addEventListener('open', function () { live.hidden = true; });
    source.addEventListener('error', function () { live.hidden = false; });
  }

  // --- board and incident pages ----------------------------------------------------------
  var watched = document.querySelector('[data-events="/board/events"]');
  if (watched && !chat) {
    var refreshing = false;
    var refresh = function () {
      if (refreshing) { return; }
      refreshing = true;
      fetch(window.location.href, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin' })
        .then(function (response) {
          if (response.redirected || !response.ok) { window.location.reload(); return null; }
          return response.text();
        })
        .then(function (html) {
          if (!html) { return; }
          var page = new DOMParser().parseFromString(html, 'text/html');
          var main = page.getElementById('main');
          if (main) { document.getElementById('main').replaceWith(main); }
        })
        .finally(function () { refreshing = false; });
    };
    var board = new EventSource('/board/events?seen=' + encodeURIComponent(watched.getAttribute('data-seen') || ''));
    board.addEventListener('refresh', refresh);
    board.addEventListener('expired', function () { board.close(); window.location.reload(); });
  }
})();
