/*
 * Kotae editor workspace, users and audit page (/admin/users, admins only): users (create, roles,
 * enable/disable, password reset, delete), API tokens (issue with the secret shown once, revoke) and the
 * audit log (newest first, by type, before/after as JSON text). Plain browser JavaScript, no build step;
 * user and FAQ text goes on the page with textContent or DOM calls, never innerHTML.
 */
(() => {
	'use strict';

	const DICT = {
		ja: {
			title: 'ユーザーと監査', docTitle: 'Kotae ユーザーと監査',
			tabUsers: 'ユーザー', tabTokens: 'API トークン', tabAudit: '監査ログ',
			users: 'ユーザー', username: 'ユーザー名', password: 'パスワード（12 文字以上）', roles: 'ロール',
			enabled: '状態', created: '作成', actions: '操作', newUser: '新しいユーザー', create: '作成',
			'role.admin': '管理者', 'role.editor': '編集者', 'role.agent': 'オペレーター',
			active: '有効', disabled: '無効', enable: '有効にする', disable: '無効にする', saveRoles: 'ロールを保存',
			newPassword: '新しいパスワード', resetPassword: 'パスワードを再設定', delete: '削除',
			createdBy: '{0}（{1}）', userCreated: 'ユーザー {0} を作成しました。', userSaved: 'ユーザー {0} を変更しました。',
			passwordReset: 'ユーザー {0} のパスワードを再設定しました。', userDeleted: 'ユーザー {0} を削除しました。',
			confirmDeleteUser: 'ユーザー {0} を削除しますか？ そのユーザーの API トークンも削除されます。',
			you: '（あなた）',
			tokens: 'API トークン', tokensHelp: 'スクリプトや連携は Authorization: Bearer <トークン> で API を呼べます。',
			tokenName: '名前', tokenUser: 'ユーザー', expires: '有効期限', lastUsed: '最終使用', never: '—',
			noExpiry: 'なし', revoked: '失効', expired: '期限切れ', revoke: '失効させる', newToken: '新しいトークン',
			tokenRoles: 'ロール（空 = ユーザーのロール）', issue: '発行',
			secretOnce: 'このトークンは今だけ表示されます。安全な場所にコピーしてください。', secret: 'トークン',
			copy: 'コピー', copied: 'コピーしました。', done: '閉じる', tokenIssued: 'トークン「{0}」を発行しました。',
			tokenRevoked: 'トークン「{0}」を失効させました。', confirmRevoke: 'トークン「{0}」を失効させますか？',
			tokensEmpty: 'トークンはありません。',
			audit: '監査ログ', type: '種類', allTypes: 'すべて', reload: '再読み込み', auditEmpty: '記録はありません。',
			'type.user': 'ユーザー', 'type.token': 'API トークン', 'type.faq': 'FAQ', 'type.synonym': '同義語',
			'type.site': 'サイト', 'type.out-of-scope': '対象外の質問', before: '変更前', after: '変更後', by: '{0} さん',
		},
		en: {
			title: 'Users and audit', docTitle: 'Kotae Users and audit',
			tabUsers: 'Users', tabTokens: 'API tokens', tabAudit: 'Audit log',
			users: 'Users', username: 'User name', password: 'Password (12 characters or more)', roles: 'Roles',
			enabled: 'State', created: 'Created', actions: 'Actions', newUser: 'New user', create: 'Create',
			'role.admin': 'Admin', 'role.editor': 'Editor', 'role.agent': 'Agent',
			active: 'Enabled', disabled: 'Disabled', enable: 'Enable', disable: 'Disable', saveRoles: 'Save roles',
			newPassword: 'New password', resetPassword: 'Reset password', delete: 'Delete',
			createdBy: '{0} ({1})', userCreated: 'Created the user {0}.', userSaved: 'Changed the user {0}.',
			passwordReset: 'Reset the password of {0}.', userDeleted: 'Deleted the user {0}.',
			confirmDeleteUser: 'Delete the user {0}? Their API tokens are deleted too.',
			you: '(you)',
			tokens: 'API tokens', tokensHelp: 'Scripts and integrations call the API with Authorization: Bearer <token>.',
			tokenName: 'Name', tokenUser: 'User', expires: 'Expires', lastUsed: 'Last used', never: '—',
			noExpiry: 'never', revoked: 'Revoked', expired: 'Expired', revoke: 'Revoke', newToken: 'New token',
			tokenRoles: 'Roles (none = the user\'s roles)', issue: 'Issue',
			secretOnce: 'This token is shown only now. Copy it somewhere safe.', secret: 'Token',
			copy: 'Copy', copied: 'Copied.', done: 'Close', tokenIssued: 'Issued the token "{0}".',
			tokenRevoked: 'Revoked the token "{0}".', confirmRevoke: 'Revoke the token "{0}"?',
			tokensEmpty: 'No tokens.',
			audit: 'Audit log', type: 'Type', allTypes: 'All', reload: 'Reload', auditEmpty: 'Nothing recorded.',
			'type.user': 'Users', 'type.token': 'API tokens', 'type.faq': 'FAQs', 'type.synonym': 'Synonyms',
			'type.site': 'Sites', 'type.out-of-scope': 'Out of scope', before: 'Before', after: 'After', by: 'by {0}',
		},
	};

	const ROLES = ['admin', 'editor', 'agent'];
	const AUDIT_LIMIT = 200;
	const $ = (id) => document.getElementById(id);
	const A = window.KotaeAdmin;
	const { api, el, time, alert } = A;
	const t = A.translator(DICT);

	const state = { me: { name: '', roles: [] }, users: [] };

	function message(id, text, kind) {
		const node = $(id);
		node.textContent = text || '';
		node.dataset.state = kind || '';
	}

	function selectTab(tab) {
		for (const other of document.querySelectorAll('.tabs [role=tab]')) {
			const selected = other === tab;
			other.setAttribute('aria-selected', String(selected));
			$(other.dataset.panel).hidden = !selected;
		}
		if (tab.id === 'tab-audit') {
			loadAudit();
		}
	}

	/** Checkboxes admin / editor / agent, named for their row; checked as given. */
	function roleChecks(prefix, checked) {
		return ROLES.map((role) => el('label', null,
			el('input', { type: 'checkbox', value: role, 'data-role': role, id: prefix + '-' + role,
				checked: checked.includes(role) }),
			t('role.' + role)));
	}

	function checkedRoles(container) {
		return [...container.querySelectorAll('input[type=checkbox]:checked')].map((c) => c.value);
	}

	// ---------------------------------------------------------------- users

	async function loadUsers() {
		try {
			state.users = await api('GET', '/api/v1/users');
		}
		catch (e) {
			alert(t('failed', e.message));
			return;
		}
		$('user-list').replaceChildren(...state.users.map(userRow));
		const select = $('token-user');
		const chosen = select.value || state.me.name;
		select.replaceChildren(...state.users.map((u) => el('option', { value: u.username, text: u.username,
			selected: u.username === chosen })));
	}

	function userRow(user) {
		const roles = el('span', { className: 'role-checks' }, ...roleChecks('roles-' + user.username, user.roles));
		const password = el('input', { type: 'password', minlength: '12', autocomplete: 'new-password',
			'aria-label': t('newPassword'), placeholder: t('newPassword') });
		return el('tr', { 'data-username': user.username, 'data-enabled': String(user.enabled) },
			el('td', null, el('span', { className: 'name', text: user.username }),
				user.username === state.me.name ? el('span', { className: 'muted', text: ' ' + t('you') }) : null),
			el('td', null, roles,
				el('button', { type: 'button', className: 'save-roles', text: t('saveRoles'),
					onclick: () => changeUser(user, { roles: checkedRoles(roles) }, 'userSaved') })),
			el('td', null, el('span', { className: 'pill', text: t(user.enabled ? 'active' : 'disabled') }), ' ',
				el('button', { type: 'button', className: 'toggle-enabled', text: t(user.enabled ? 'disable' : 'enable'),
					onclick: () => changeUser(user, { enabled: !user.enabled }, 'userSaved') })),
			el('td', null, el('time', { datetime: user.createdAt, text: t('createdBy', time(user.createdAt), user.createdBy) })),
			el('td', null, el('div', { className: 'cell-actions' }, password,
				el('button', { type: 'button', className: 'reset-password', text: t('resetPassword'),
					onclick: () => changeUser(user, { password: password.value }, 'passwordReset') }),
				el('button', { type: 'button', className: 'delete-user danger', text: t('delete'),
					disabled: user.username === state.me.name, onclick: () => deleteUser(user) }))));
	}

	async function changeUser(user, change, done) {
		try {
			await api('PUT', '/api/v1/users/' + encodeURIComponent(user.username), change);
			if (user.username === state.me.name && change.password) {
				// a new password ends every session of its user, this one too
				window.location.assign('/login');
				return;
			}
			message('user-message', t(done, user.username), 'ok');
			await loadUsers();
		}
		catch (e) {
			message('user-message', t('failed', e.message), 'error');
		}
	}

	async function deleteUser(user) {
		if (!window.confirm(t('confirmDeleteUser', user.username))) {
			return;
		}
		try {
			await api('DELETE', '/api/v1/users/' + encodeURIComponent(user.username));
			message('user-message', t('userDeleted', user.username), 'ok');
			await Promise.all([loadUsers(), loadTokens()]);
		}
		catch (e) {
			message('user-message', t('failed', e.message), 'error');
		}
	}

	async function createUser(event) {
		event.preventDefault();
		const body = { username: $('new-username').value.trim(), password: $('new-password').value,
			roles: checkedRoles($('new-roles')) };
		try {
			const user = await api('POST', '/api/v1/users', body);
			$('user-form').reset();
			message('user-form-message', t('userCreated', user.username), 'ok');
			await loadUsers();
		}
		catch (e) {
			message('user-form-message', t('failed', e.message), 'error');
		}
	}

	// ---------------------------------------------------------------- API tokens

	async function loadTokens() {
		let tokens;
		try {
			tokens = await api('GET', '/api/v1/tokens');
		}
		catch (e) {
			alert(t('failed', e.message));
			return;
		}
		const now = Date.now();
		const rows = tokens.map((token) => {
			const expired = token.expiresAt && Date.parse(token.expiresAt) <= now;
			const active = !token.revokedAt && !expired;
			const stateText = token.revokedAt ? t('revoked') : (expired ? t('expired') : t('active'));
			return el('tr', { 'data-token-id': String(token.id), 'data-active': String(active) },
				el('td', null, el('span', { className: 'token-name', text: token.name }), ' ',
					el('code', { className: 'muted', text: token.hint + '…' })),
				el('td', { text: token.username }),
				el('td', { text: token.roles.map((r) => t('role.' + r)).join(', ') }),
				el('td', { text: t('createdBy', time(token.createdAt), token.createdBy) }),
				el('td', { text: token.expiresAt ? time(token.expiresAt) : t('noExpiry') }),
				el('td', { text: token.lastUsedAt ? time(token.lastUsedAt) : t('never') }),
				el('td', null, el('span', { className: 'pill', text: stateText })),
				el('td', null, active ? el('button', { type: 'button', className: 'revoke danger', text: t('revoke'),
					onclick: () => revokeToken(token) }) : null));
		});
		$('token-list').replaceChildren(...(rows.length ? rows
			: [el('tr', null, el('td', { colspan: '8', className: 'empty', text: t('tokensEmpty') }))]));
	}

	async function issueToken(event) {
		event.preventDefault();
		const expiry = $('token-expiry').value; // yyyy-mm-dd: valid until the end of that day (UTC)
		const body = {
			name: $('token-name').value.trim(),
			username: $('token-user').value || null,
			roles: checkedRoles($('token-roles')),
			expiresAt: expiry ? new Date(expiry + 'T23:59:59Z').toISOString() : null,
		};
		try {
			const issued = await api('POST', '/api/v1/tokens', body);
			$('token-name').value = '';
			$('token-expiry').value = '';
			for (const box of $('token-roles').querySelectorAll('input')) {
				box.checked = false;
			}
			$('token-secret').value = issued.secret;
			$('token-secret-box').hidden = false;
			message('token-copied', '');
			message('token-form-message', t('tokenIssued', issued.token.name), 'ok');
			$('token-secret').select();
			await loadTokens();
		}
		catch (e) {
			message('token-form-message', t('failed', e.message), 'error');
		}
	}

	async function copySecret() {
		const input = $('token-secret');
		try {
			await navigator.clipboard.writeText(input.value);
		}
		catch (e) {
			input.select();
			document.execCommand('copy'); // older browsers, or no clipboard permission
		}
		message('token-copied', t('copied'), 'ok');
	}

	/** Forgets the secret: it is never shown again. */
	function hideSecret() {
		$('token-secret').value = '';
		$('token-secret-box').hidden = true;
	}

	async function revokeToken(token) {
		if (!window.confirm(t('confirmRevoke', token.name))) {
			return;
		}
		try {
			await api('DELETE', '/api/v1/tokens/' + encodeURIComponent(token.id));
			message('token-message', t('tokenRevoked', token.name), 'ok');
			await loadTokens();
		}
		catch (e) {
			message('token-message', t('failed', e.message), 'error');
		}
	}

	// ---------------------------------------------------------------- audit log

	async function loadAudit(event) {
		if (event) {
			event.preventDefault();
		}
		const params = new URLSearchParams({ limit: String(AUDIT_LIMIT) });
		const type = $('audit-type').value;
		if (type) {
			params.set('targetType', type);
		}
		let entries;
		try {
			entries = await api('GET', '/api/v1/audit?' + params);
		}
		catch (e) {
			alert(t('failed', e.message));
			return;
		}
		$('audit-list').replaceChildren(...entries.map((entry) => el('li', { 'data-audit-id': String(entry.id),
			'data-action': entry.action },
			el('div', { className: 'head' },
				el('time', { datetime: entry.at, text: time(entry.at) }),
				el('span', { className: 'action', text: entry.action }),
				el('span', { className: 'target', text: entry.targetType + (entry.targetId ? ' ' + entry.targetId : '') }),
				el('span', { className: 'actor muted', text: t('by', entry.actor) })),
			el('div', { className: 'states' }, state2('before', entry.before), state2('after', entry.after)))));
		$('audit-empty').hidden = entries.length > 0;
		document.body.dataset.auditLoaded = String(Date.now());
	}

	function state2(kind, value) {
		if (value === null || value === undefined) {
			return el('div', null);
		}
		return el('div', { className: kind },
			el('span', { className: 'label', text: t(kind) }),
			el('pre', { text: JSON.stringify(value, null, 2) }));
	}

	// ---------------------------------------------------------------- start

	async function start() {
		A.translate(t, 'docTitle');
		for (const tab of document.querySelectorAll('.tabs [role=tab]')) {
			tab.addEventListener('click', () => selectTab(tab));
		}
		$('new-roles').append(...roleChecks('new-role', []));
		$('token-roles').append(...roleChecks('token-role', []));
		$('user-form').addEventListener('submit', createUser);
		$('token-form').addEventListener('submit', issueToken);
		$('token-copy').addEventListener('click', copySecret);
		$('token-secret-done').addEventListener('click', hideSecret);
		$('audit-filter').addEventListener('submit', loadAudit);
		$('audit-type').addEventListener('change', () => loadAudit());
		state.me = await A.header('users');
		await Promise.all([loadUsers(), loadTokens()]);
		document.body.dataset.loaded = 'true';
	}

	start();
})();
