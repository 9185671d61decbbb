/*
 * Kotae operator console: the hand-off queue on the left, the selected conversation on the right,
 * kept live by the /api/v1/handoffs/events stream. Plain browser JavaScript, no build step.
 * Everything a user, the bot or an agent wrote is put on the page with textContent, never innerHTML.
 */
(() => {
	'use strict';

	const DICT = {
		ja: {
			title: 'オペレーター', docTitle: 'Kotae オペレーター',
			connecting: '接続中…', live: 'リアルタイム更新中', reconnecting: '再接続中…',
			queue: '待ち行列', queueEmpty: 'お待ちのお客さまはいません。',
			selectConversation: '左の一覧から会話を選んでください。', transcript: '会話履歴',
			suggestions: '回答候補（FAQ）', noSuggestions: '候補はありません。', canned: '定型文',
			replyLabel: '返信', replyPlaceholder: 'Enter で送信、Shift+Enter で改行',
			send: '送信', returnToBot: 'ボットに戻す', closeReason: '終了理由', close: '終了',
			'reason.solved': '解決', 'reason.no_response': '応答なし', 'reason.spam': '迷惑行為', 'reason.other': 'その他',
			claim: '対応する',
			sla: 'SLA超過', unread: '新着', waitedFor: '待ち {0}', queuePosition: '{0} 番目',
			'status.waiting': '待機中', 'status.offline': '営業時間外の依頼', 'status.active': '対応中',
			'status.returned': 'ボットに戻した', 'status.closed': '終了', 'status.none': 'ボット対応',
			handledBy: '担当: {0}', signedInAs: 'ログイン中: {0}', logout: 'ログアウト',
			claimConflict: 'この会話は担当できませんでした。{0}', actionFailed: '操作できませんでした。{0}',
			sendFailed: '送信できませんでした。{0}', loadFailed: '読み込めませんでした。{0}',
			newHandoff: '新しい有人対応の依頼: {0}', newMessage: 'お客さまから新しいメッセージがあります',
			claimed: 'この会話の担当になりました。', returned: '会話をボットに戻しました。', closed: '会話を終了しました。',
			hintClaim: '返信するには「対応する」を押してください。', hintOther: '{0} さんが対応中です。',
			hintEnded: 'この会話の有人対応は終わっています。',
			'sender.user': 'お客さま', 'sender.bot': 'ボット', 'sender.agent': '担当者', 'sender.system': 'お知らせ',
			'attr.status': '状態', 'attr.reason': '理由', 'attr.channel': 'チャネル', 'attr.locale': '言語',
			'attr.site': 'サイト', 'attr.started': '開始', 'attr.contact': '連絡先', 'attr.agent': '担当者',
			'attr.waited': '待ち時間', 'attr.firstResponse': '初回応答', 'attr.closeReason': '終了理由',
			'attr.requested': '依頼', seconds: '{0} 秒',
			'why.requested_human': 'お客さまの依頼', 'why.frustration': '不満の兆候', 'why.out_of_scope': '対象外の質問',
			'why.low_confidence': '回答の確信度が低い', 'why.not_helpful': '「役に立たない」の評価',
			'why.repeated_failure': '回答できない質問が続いた',
			'kind.human_request': '有人対応を依頼', 'kind.choice': '候補を選択',
			helpfulYes: '👍 役に立った', helpfulNo: '👎 役に立たなかった',
			conversationTitle: '会話 {0}', score: '一致度 {0}', insertLabel: '返信欄に挿入: {0}',
		},
		en: {
			title: 'Operator console', docTitle: 'Kotae operator',
			connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…',
			queue: 'Queue', queueEmpty: 'Nobody is waiting.',
			selectConversation: 'Pick a conversation from the queue.', transcript: 'Transcript',
			suggestions: 'Suggested answers (FAQ)', noSuggestions: 'No suggestions.', canned: 'Canned responses',
			replyLabel: 'Reply', replyPlaceholder: 'Enter sends, Shift+Enter adds a line',
			send: 'Send', returnToBot: 'Return to bot', closeReason: 'Close reason', close: 'Close',
			'reason.solved': 'Solved', 'reason.no_response': 'No response', 'reason.spam': 'Spam', 'reason.other': 'Other',
			claim: 'Claim',
			sla: 'SLA', unread: 'New', waitedFor: 'waited {0}', queuePosition: '#{0}',
			'status.waiting': 'Waiting', 'status.offline': 'After-hours request', 'status.active': 'With an agent',
			'status.returned': 'Returned to bot', 'status.closed': 'Closed', 'status.none': 'With the bot',
			handledBy: 'Agent: {0}', signedInAs: 'Signed in as {0}', logout: 'Log out',
			claimConflict: 'Could not claim this conversation. {0}', actionFailed: 'That did not work. {0}',
			sendFailed: 'Could not send. {0}', loadFailed: 'Could not load. {0}',
			newHandoff: 'New hand-off request: {0}', newMessage: 'New message from a customer',
			claimed: 'You have this conversation now.', returned: 'Returned to the bot.', closed: 'Conversation closed.',
			hintClaim: 'Claim the conversation to reply.', hintOther: '{0} has this conversation.',
			hintEnded: 'This hand-off has ended.',
			'sender.user': 'Customer', 'sender.bot': 'Bot', 'sender.agent': 'Agent', 'sender.system': 'Notice',
			'attr.status': 'Status', 'attr.reason': 'Reason', 'attr.channel': 'Channel', 'attr.locale': 'Language',
			'attr.site': 'Site', 'attr.started': 'Started', 'attr.contact': 'Contact', 'attr.agent': 'Agent',
			'attr.waited': 'Waited', 'attr.firstResponse': 'First response', 'attr.closeReason': 'Close reason',
			'attr.requested': 'Requested', seconds: '{0} s',
			'why.requested_human': 'Customer asked for a person', 'why.frustration': 'Signs of frustration',
			'why.out_of_scope': 'Out of scope', 'why.low_confidence': 'Low confidence',
			'why.not_helpful': 'Answers rated not helpful', 'why.repeated_failure': 'Repeated failed answers',
			'kind.human_request': 'asked for a person', 'kind.choice': 'picked a suggestion',
			helpfulYes: '👍 helpful', helpfulNo: '👎 not helpful',
			conversationTitle: 'Conversation {0}', score: 'match {0}', insertLabel: 'Insert into reply: {0}',
		},
	};

	const SLA_SECONDS = 60;
	const OPEN = ['offline', 'waiting', 'active'];
	const ORIGIN = window.location.origin; // never a URL with user:password@ in it: fetch refuses those
	const lang = chooseLanguage();
	const $ = (id) => document.getElementById(id);

	const state = {
		me: sessionStorage.getItem('kotae.operator.me'),
		queue: new Map(), // conversationId -> { view, at } (at: performance.now() when the view arrived)
		unread: new Set(),
		selected: null,
		detail: null, // { handoff, conversation, messages: Map(id -> message), suggestions, cannedResponses }
		loadToken: 0,
		sending: false,
		events: null,
	};

	function chooseLanguage() {
		const param = new URLSearchParams(window.location.search).get('lang');
		if (param === 'ja' || param === 'en') {
			return param;
		}
		const preferred = (navigator.languages && navigator.languages[0]) || navigator.language || 'ja';
		return preferred.toLowerCase().startsWith('en') ? 'en' : 'ja';
	}

	function t(key, ...args) {
		const text = DICT[lang][key] ?? DICT.ja[key] ?? key;
		return text.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ''));
	}

	function has(key) {
		return key in DICT[lang];
	}


	function clock(totalSeconds) {
		const s = Math.max(0, Math.floor(totalSeconds));
		const pad = (n) => String(n).padStart(2, '0');
		const h = Math.floor(s / 3600);
		const m = Math.floor((s % 3600) / 60);
		return (h > 0 ? h + ':' + pad(m) : pad(m)) + ':' + pad(s % 60);
	}

	function shortId(id) {
		return String(id).slice(0, 8);
	}

	function time(iso, withDate) {
		const date = new Date(iso);
		if (Number.isNaN(date.getTime())) {
			return '';
		}
		const options = withDate ? { dateStyle: 'short', timeStyle: 'short' } : { hour: '2-digit', minute: '2-digit' };
		return date.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US', options);
	}

	function why(reason) {
		return reason && has('why.' + reason) ? t('why.' + reason) : (reason || '');
	}

	function statusText(handoff) {
		return handoff ? t('status.' + handoff.status) : t('status.none');
	}

	// --- the API -------------------------------------------------------------------------------

	const { api, el } = window.KotaeConsole;

	const enc = encodeURIComponent;

	// --- notices ---------------------------------------------------------------------------------

	function showAlert(text) {
		const alert = $('alert');
		alert.textContent = text;
		alert.hidden = false;
	}

	function clearAlert() {
		$('alert').hidden = true;
		$('alert').textContent = '';
	}

	function announce(text) {
		// re-set so that screen readers read the same text twice in a row too
		$('announcer').textContent = '';
		window.setTimeout(() => {
			$('announcer').textContent = text;
		}, 50);
	}

	function setMe(name) {
		if (name && name !== state.me) {
			state.me = name;
			sessionStorage.setItem('kotae.operator.me', name);
		}
		$('me').hidden = !state.me;
		$('me').textContent = state.me ? t('signedInAs', state.me) : '';
	}

	function setConnection(kind) {
		const node = $('connection');
		node.dataset.state = kind;
		node.textContent = t(kind);
	}

	// --- the queue -------------------------------------------------------------------------------

	function waited(entry) {
		const view = entry.view;
		if (view.status === 'waiting' || view.status === 'offline') {
			return view.waitingSeconds + (performance.now() - entry.at) / 1000;
		}
		return view.waitingSeconds;
	}

	function rank(view) {
		if (view.status === 'offline') {
			return 0;
		}
		if (view.status === 'waiting') {
			return 1;
		}
		return (state.me && view.agent === state.me) ? 2 : 3;
	}

	function sortedQueue() {
		return [...state.queue.values()].sort((a, b) => rank(a.view) - rank(b.view)
				|| String(a.view.requestedAt).localeCompare(String(b.view.requestedAt)) || a.view.id - b.view.id);
	}

	function putInQueue(view) {
		if (OPEN.includes(view.status)) {
			state.queue.set(view.conversationId, { view, at: performance.now() });
		}
		else {
			state.queue.delete(view.conversationId);
			state.unread.delete(view.conversationId);
		}
	}

	function renderQueue() {
		const list = $('queue');
		const existing = new Map([...list.children].map((li) => [li.dataset.conversationId, li]));
		const entries = sortedQueue();
		entries.forEach((entry, index) => {
			const id = entry.view.conversationId;
			let li = existing.get(id);
			existing.delete(id);
			const signature = JSON.stringify([entry.view, state.selected === id, state.unread.has(id), state.me]);
			if (!li || li.dataset.signature !== signature) {
				const fresh = queueRow(entry);
				fresh.dataset.signature = signature;
				if (li) {
					const hadFocus = li.contains(document.activeElement) ? document.activeElement.className : null;
					li.replaceWith(fresh);
					restoreFocus(fresh, hadFocus);
				}
				li = fresh;
			}
			if (list.children[index] !== li) {
				list.insertBefore(li, list.children[index] || null);
			}
		});
		existing.forEach((li) => li.remove());
		const waiting = entries.filter((e) => e.view.status !== 'active').length;
		$('queue-count').textContent = String(waiting);
		$('queue-empty').hidden = entries.length > 0;
		document.title = (waiting > 0 ? '(' + waiting + ') ' : '') + t('docTitle');
		tick();
	}

	function restoreFocus(row, className) {
		if (className) {
			const target = row.querySelector('.' + className.split(' ')[0]);
			(target || row.querySelector('.open')).focus();
		}
	}

	function queueRow(entry) {
		const view = entry.view;
		const id = view.conversationId;
		const title = why(view.reason) || t('status.' + view.status);
		const meta = [view.channel, view.locale, view.siteKey].filter(Boolean).join(' · ');
		const titleId = 'row-' + id;
		const open = el('button', { type: 'button', className: 'open',
			'aria-current': state.selected === id ? 'true' : null, onclick: () => select(id) },
			el('span', { className: 'row-title', id: titleId, text: title }),
			el('span', { className: 'row-meta', text: meta }),
			view.contact ? el('span', { className: 'row-meta', text: t('attr.contact') + ': ' + view.contact }) : null);
		const flags = el('span', { className: 'row-flags' },
			el('span', { className: 'status status-' + view.status, text: t('status.' + view.status) }),
			el('time', { className: 'wait', 'data-wait': '' }),
			el('span', { className: 'sla', 'data-sla': '', text: t('sla'), hidden: true }),
			state.unread.has(id) ? el('span', { className: 'unread', text: t('unread') }) : null);
		const action = (view.status === 'active')
			? el('span', { className: 'agent' + (state.me && view.agent === state.me ? ' mine' : ''),
				text: t('handledBy', view.agent || '?') })
			: el('button', { type: 'button', className: 'claim primary', 'aria-describedby': titleId,
				onclick: (event) => claim(id, event.currentTarget) }, t('claim'));
		return el('li', { className: 'row' + (state.selected === id ? ' selected' : ''), 'data-conversation-id': id,
			'data-status': view.status }, open, flags, action);
	}

	/** Once a second: the waiting clocks and the SLA flags (without rebuilding the rows). */
	function tick() {
		for (const li of $('queue').children) {
			const entry = state.queue.get(li.dataset.conversationId);
			if (!entry) {
				continue;
			}
			const seconds = waited(entry);
			const wait = li.querySelector('[data-wait]');
			const text = entry.view.status === 'active' ? t('waitedFor', clock(seconds)) : clock(seconds);
			if (wait.textContent !== text) {
				wait.textContent = text;
			}
			const late = entry.view.overSla
				|| (entry.view.status !== 'active' && seconds > (entry.view.slaSeconds || SLA_SECONDS));
			li.querySelector('[data-sla]').hidden = !late;
			li.classList.toggle('late', late);
		}
	}

	async function loadQueue() {
		const views = await api('GET', '/api/v1/handoffs');
		state.queue.clear();
		views.forEach(putInQueue);
		for (const id of [...state.unread]) {
			if (!state.queue.has(id)) {
				state.unread.delete(id);
			}
		}
		renderQueue();
	}

	async function claim(id, button) {
		if (button) {
			button.disabled = true;
		}
		clearAlert();
		try {
			const view = await api('POST', '/api/v1/handoffs/' + enc(id) + '/claim', {});
			setMe(view.agent);
			putInQueue(view);
			renderQueue();
			await select(id);
			announce(t('claimed'));
			$('reply').focus();
		}
		catch (error) {
			showAlert(error.status === 409 ? t('claimConflict', error.message) : t('actionFailed', error.message));
			await refresh();
		}
		finally {
			if (button && button.isConnected) {
				button.disabled = false;
			}
		}
	}

	// --- the selected conversation ---------------------------------------------------------------

	async function select(id) {
		state.selected = id;
		state.unread.delete(id);
		if (window.location.hash !== '#c=' + id) {
			history.replaceState(null, '', '#c=' + enc(id));
		}
		renderQueue();
		await loadDetail(id, true);
	}

	async function loadDetail(id, fresh) {
		const token = ++state.loadToken;
		let detail;
		try {
			detail = await api('GET', '/api/v1/handoffs/' + enc(id));
		}
		catch (error) {
			if (token === state.loadToken) {
				showAlert(t('loadFailed', error.message));
			}
			return;
		}
		if (token !== state.loadToken || state.selected !== id) {
			return; // the agent moved on meanwhile
		}
		const sameConversation = !fresh && state.detail && state.detail.conversation.id === id;
		const messages = sameConversation ? state.detail.messages : new Map();
		detail.messages.forEach((m) => messages.set(m.id, m));
		state.detail = { ...detail, messages };
		if (detail.handoff) {
			putInQueue(detail.handoff);
			renderQueue();
		}
		renderDetail(!sameConversation);
	}

	function canReply() {
		const handoff = state.detail && state.detail.handoff;
		return Boolean(handoff && handoff.status === 'active' && (!state.me || handoff.agent === state.me));
	}

	function renderDetail(replaceTranscript) {
		const detail = state.detail;
		$('detail-empty').hidden = true;
		$('conversation').hidden = false;
		$('conversation').dataset.conversationId = detail.conversation.id;
		renderChips($('suggestions'), detail.suggestions.map((s) => ({
			label: s.question, extra: t('score', Number(s.score).toFixed(2)), insert: s.answer, title: s.answer,
			data: { 'data-faq-id': s.id } })), t('noSuggestions'));
		renderChips($('canned'), detail.cannedResponses.map((text) => ({ label: text, insert: text })), null);
		$('canned-box').hidden = detail.cannedResponses.length === 0;
		renderHead();
		renderTranscript(replaceTranscript);
	}

	function renderHead() {
		const detail = state.detail;
		const handoff = detail.handoff;
		const conversation = detail.conversation;
		$('detail-title').textContent = t('conversationTitle', shortId(conversation.id));
		const status = $('detail-status');
		status.textContent = statusText(handoff) + (handoff && handoff.agent ? ' · ' + handoff.agent : '');
		status.dataset.status = handoff ? handoff.status : 'none';

		const rows = [];
		if (handoff) {
			rows.push(['attr.reason', why(handoff.reason)]);
			if (handoff.status === 'waiting' && handoff.queuePosition > 0) {
				rows.push(['attr.status', t('queuePosition', handoff.queuePosition)]);
			}
			rows.push(['attr.requested', time(handoff.requestedAt, true)]);
			rows.push(['attr.agent', handoff.agent]);
			if (handoff.status !== 'waiting' && handoff.status !== 'offline') {
				rows.push(['attr.waited', t('seconds', handoff.waitingSeconds)]);
			}
			if (handoff.firstResponseSeconds !== null && handoff.firstResponseSeconds !== undefined) {
				rows.push(['attr.firstResponse', t('seconds', handoff.firstResponseSeconds)]);
			}
			rows.push(['attr.contact', handoff.contact]);
			rows.push(['attr.closeReason', handoff.closeReason && (has('reason.' + handoff.closeReason)
				? t('reason.' + handoff.closeReason) : handoff.closeReason)]);
		}
		rows.push(['attr.channel', conversation.channel]);
		rows.push(['attr.locale', conversation.locale]);
		rows.push(['attr.site', conversation.siteKey]);
		rows.push(['attr.started', time(conversation.createdAt, true)]);
		const dl = $('attributes');
		dl.replaceChildren();
		const add = (term, value, raw) => {
			if (value === null || value === undefined || value === '') {
				return;
			}
			dl.append(el('div', { 'data-attribute': raw }, el('dt', { text: term }), el('dd', { text: String(value) })));
		};
		rows.forEach(([key, value]) => add(t(key), value, key.slice(5)));
		Object.entries(conversation.attributes || {}).forEach(([key, value]) => add(key, value, key));

		const open = handoff && OPEN.includes(handoff.status);
		const replying = canReply();
		$('reply').disabled = !replying;
		$('send').disabled = !replying || state.sending;
		$('return').disabled = !replying;
		$('close').disabled = !open || (handoff.status === 'active' && !replying);
		$('close-reason').disabled = $('close').disabled;
		for (const chip of document.querySelectorAll('#assist button')) {
			chip.disabled = !replying;
		}
		let hint = '';
		if (!handoff || !open) {
			hint = t('hintEnded');
		}
		else if (handoff.status !== 'active') {
			hint = t('hintClaim');
		}
		else if (!replying) {
			hint = t('hintOther', handoff.agent);
		}
		$('composer-hint').textContent = hint;
		let claimButton = $('detail-claim');
		if (open && handoff.status !== 'active') {
			if (!claimButton) {
				claimButton = el('button', { type: 'button', id: 'detail-claim', className: 'primary' }, t('claim'));
				$('composer-hint').after(claimButton);
			}
			claimButton.onclick = () => claim(detail.conversation.id, claimButton);
		}
		else if (claimButton) {
			claimButton.remove();
		}
	}

	function scrollToEnd(list) {
		list.scrollTop = list.scrollHeight;
		// once more after layout: the panels around the transcript may have changed its height
		window.requestAnimationFrame(() => {
			list.scrollTop = list.scrollHeight;
		});
	}

	function renderTranscript(replace, forceScroll) {
		const list = $('transcript');
		const ordered = [...state.detail.messages.values()].sort((a, b) => a.id - b.id);
		const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 120;
		if (replace) {
			list.replaceChildren(...ordered.map(messageItem));
			scrollToEnd(list);
			return;
		}
		const shown = new Set([...list.children].map((li) => li.dataset.messageId));
		for (const m of ordered) {
			if (!shown.has(String(m.id))) {
				const next = [...list.children].find((li) => Number(li.dataset.messageId) > m.id);
				list.insertBefore(messageItem(m), next || null);
			}
		}
		if (nearBottom || forceScroll) {
			scrollToEnd(list);
		}
	}

	/** The bot's decision as agents read it: "answer 0.82", "escalate: low_confidence". */
	function decision(m) {
		let text = m.kind;
		if (m.confidence !== null && m.confidence !== undefined) {
			text += ' ' + Number(m.confidence).toFixed(2);
		}
		if (m.reason) {
			text += ': ' + m.reason;
		}
		return text;
	}

	function messageItem(m) {
		const head = el('p', { className: 'msg-head' },
			el('span', { className: 'sender', text: t('sender.' + m.sender) + (m.agent ? ' · ' + m.agent : '') }),
			el('time', { datetime: m.createdAt, text: time(m.createdAt) }));
		if (m.sender === 'bot') {
			head.append(el('span', { className: 'decision', 'data-decision': '', text: decision(m) }));
		}
		else if (m.sender === 'user' && m.kind !== 'text') {
			head.append(el('span', { className: 'decision', text: has('kind.' + m.kind) ? t('kind.' + m.kind) : m.kind }));
		}
		if (m.faqId) {
			head.append(el('span', { className: 'faq', text: 'FAQ ' + m.faqId }));
		}
		if (m.helpful === true || m.helpful === false) {
			head.append(el('span', { className: 'helpful ' + (m.helpful ? 'yes' : 'no'),
				text: m.helpful ? t('helpfulYes') : t('helpfulNo') }));
		}
		const item = el('li', { className: 'msg msg-' + m.sender, 'data-kotae': 'message', 'data-sender': m.sender,
			'data-kind': m.kind, 'data-message-id': String(m.id) }, head);
		if (m.text) {
			item.append(el('p', { className: 'msg-text', text: m.text }));
		}
		if (m.choices && m.choices.length) {
			item.append(el('ul', { className: 'msg-choices' },
				...m.choices.map((c) => el('li', { 'data-faq-id': c.id, text: c.question }))));
		}
		return item;
	}

	function addMessage(m, forceScroll) {
		if (!state.detail || state.detail.conversation.id !== m.conversationId || state.detail.messages.has(m.id)) {
			return;
		}
		state.detail.messages.set(m.id, m);
		renderTranscript(false, forceScroll);
	}

	function renderChips(list, chips, emptyText) {
		list.replaceChildren();
		if (chips.length === 0 && emptyText) {
			list.append(el('li', { className: 'empty', text: emptyText }));
		}
		for (const chip of chips) {
			const button = el('button', { type: 'button', className: 'chip', title: chip.title,
				'aria-label': t('insertLabel', chip.label), disabled: !canReply(), onclick: () => insert(chip.insert) },
				el('span', { className: 'chip-label', text: chip.label }),
				chip.extra ? el('span', { className: 'chip-extra', text: chip.extra }) : null);
			Object.entries(chip.data || {}).forEach(([name, value]) => button.setAttribute(name, value));
			list.append(el('li', {}, button));
		}
	}

	function insert(text) {
		const reply = $('reply');
		if (reply.disabled) {
			return;
		}
		const start = reply.selectionStart ?? reply.value.length;
		const end = reply.selectionEnd ?? start;
		reply.setRangeText(text, start, end, 'end');
		reply.focus();
	}

	async function send() {
		const reply = $('reply');
		const text = reply.value.trim();
		if (!text || state.sending || !canReply()) {
			return;
		}
		const id = state.detail.conversation.id;
		state.sending = true;
		$('send').disabled = true;
		clearAlert();
		try {
			const message = await api('POST', '/api/v1/conversations/' + enc(id) + '/agent-messages', { text });
			setMe(state.detail.handoff && state.detail.handoff.agent);
			if (reply.value.trim() === text) {
				reply.value = '';
			}
			addMessage(message, true);
		}
		catch (error) {
			showAlert(t('sendFailed', error.message));
		}
		finally {
			state.sending = false;
			if (state.detail) {
				renderHead();
			}
			reply.focus();
		}
	}

	async function endHandoff(action, body, doneText) {
		const id = state.detail.conversation.id;
		clearAlert();
		try {
			const view = await api('POST', '/api/v1/handoffs/' + enc(id) + '/' + action, body);
			state.detail.handoff = view;
			putInQueue(view);
			renderQueue();
			renderHead();
			announce(doneText);
		}
		catch (error) {
			showAlert(t('actionFailed', error.message));
			await refresh();
		}
	}

	// --- live updates ----------------------------------------------------------------------------

	function onHandoffEvent(event) {
		const { type, handoff } = JSON.parse(event.data);
		putInQueue(handoff);
		if (type === 'returned' || type === 'closed') {
			state.queue.delete(handoff.conversationId);
		}
		if (type === 'requested') {
			announce(t('newHandoff', why(handoff.reason)));
		}
		renderQueue();
		if (state.detail && state.detail.conversation.id === handoff.conversationId) {
			state.detail.handoff = handoff;
			renderHead();
		}
	}

	function onMessageEvent(event) {
		const message = JSON.parse(event.data);
		if (state.detail && state.detail.conversation.id === message.conversationId) {
			addMessage(message);
			if (message.sender === 'user') {
				refreshSuggestionsSoon();
			}
		}
		else if (message.sender === 'user' && state.queue.has(message.conversationId)) {
			state.unread.add(message.conversationId);
			renderQueue();
			announce(t('newMessage'));
		}
	}

	let suggestionTimer = null;

	function refreshSuggestionsSoon() {
		window.clearTimeout(suggestionTimer);
		suggestionTimer = window.setTimeout(() => {
			if (state.selected) {
				loadDetail(state.selected, false);
			}
		}, 400);
	}

	async function refresh() {
		try {
			await loadQueue();
			if (state.selected) {
				await loadDetail(state.selected, false);
			}
		}
		catch (error) {
			showAlert(t('loadFailed', error.message));
		}
	}

	function connect() {
		const source = new EventSource(ORIGIN + '/api/v1/handoffs/events');
		state.events = source;
		source.addEventListener('handoff', onHandoffEvent);
		source.addEventListener('message', onMessageEvent);
		// (re)connected: whatever happened while the stream was down is in a fresh load
		source.addEventListener('open', () => {
			setConnection('live');
			refresh();
		});
		source.addEventListener('error', () => {
			setConnection('reconnecting');
			if (source.readyState === EventSource.CLOSED) {
				// the browser gave up (e.g. a 401 or 5xx): try again ourselves a little later
				window.setTimeout(() => {
					if (state.events === source) {
						connect();
					}
				}, 5000);
			}
		});
	}

	// --- logout ----------------------------------------------------------------------------------

	/** Ends the login session (POST /logout with the CSRF token from the XSRF-TOKEN cookie), then the login page. */
	async function logout() {
		const xsrf = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
		const headers = {};
		if (xsrf) {
			headers['X-XSRF-TOKEN'] = decodeURIComponent(xsrf.substring('XSRF-TOKEN='.length));
		}
		sessionStorage.removeItem('kotae.operator.me');
		try {
			await fetch(ORIGIN + '/logout', { method: 'POST', headers, credentials: 'same-origin', redirect: 'manual' });
		}
		finally {
			window.location.assign('/login?logout');
		}
	}

	// --- start -----------------------------------------------------------------------------------

	function translatePage() {
		document.documentElement.lang = lang;
		document.title = t('docTitle');
		for (const node of document.querySelectorAll('[data-i18n]')) {
			node.textContent = t(node.dataset.i18n);
		}
		for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
			node.placeholder = t(node.dataset.i18nPlaceholder);
		}
		for (const node of document.querySelectorAll('[data-i18n-label]')) {
			node.setAttribute('aria-label', t(node.dataset.i18nLabel));
		}
	}

	function start() {
		translatePage();
		setMe(state.me);
		$('composer').addEventListener('submit', (event) => {
			event.preventDefault();
			send();
		});
		$('reply').addEventListener('keydown', (event) => {
			// Enter sends; Shift+Enter is a new line; Enter that confirms an IME conversion is neither
			if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
				event.preventDefault();
				send();
			}
		});
		$('logout').addEventListener('click', logout);
		$('return').addEventListener('click', () => endHandoff('return-to-bot', {}, t('returned')));
		$('close').addEventListener('click', () => endHandoff('close', { reason: $('close-reason').value }, t('closed')));
		window.setInterval(tick, 1000);
		const match = /^#c=(.+)$/.exec(window.location.hash);
		if (match) {
			select(decodeURIComponent(match[1]));
		}
		api('GET', '/api/v1/operator/me').then((me) => setMe(me && me.name)).catch(() => {});
		refresh();
		connect();
	}

	start();
})();
