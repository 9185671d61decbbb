// Demo search page: calls the public search API and renders hits as text (never as HTML).
(function () {
  'use strict';
  const form = document.getElementById('search');
  const input = document.getElementById('q');
  const status = document.getElementById('status');
  const list = document.getElementById('hits');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const q = input.value.trim();
    if (!q) return;
    status.textContent = '…';
    list.replaceChildren();
    try {
      const response = await fetch('/api/v1/search?limit=5&q=' + encodeURIComponent(q));
      const body = await response.json();
      if (!response.ok) {
        status.textContent = body.detail || ('Error ' + response.status);
        return;
      }
      status.textContent = body.hits.length === 0
        ? 'No matching FAQ. / 該当する FAQ が見つかりませんでした。'
        : body.hits.length + ' FAQ(s)';
      for (const hit of body.hits) {
        const item = document.createElement('li');
        const question = document.createElement('div');
        question.textContent = hit.question;
        const meta = document.createElement('div');
        meta.className = 'meta';
        meta.textContent = (hit.category || '') + ' · ' + hit.id + ' · score ' + hit.score.toFixed(2);
        item.append(question, meta);
        list.append(item);
      }
    } catch (e) {
      status.textContent = 'The server cannot be reached. / サーバーに接続できません。';
    }
  });
}());
