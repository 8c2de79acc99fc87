// SPDX-License-Identifier: Apache-2.0
/*
 * The script of flashlint's HTML report, embedded in every page under the page's
 * CSP nonce: sortable, filterable, paged tables built from the JSON data blocks,
 * and revealing the place a link points at. It builds the DOM with textContent
 * only (no innerHTML, no eval, no inline handlers) and makes no request.
 */
(function () {
	'use strict';

	var PAGE = 100;

	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls) {
			e.className = cls;
		}
		if (text !== undefined) {
			e.textContent = text;
		}
		return e;
	}

	function fmt(v, type) {
		if (type === 'n' && typeof v === 'number') {
			return v.toLocaleString('en-US');
		}
		return v === null || v === undefined ? '' : String(v);
	}

	/* Rows of the objects table summed by archive; objects outside archives stay. */
	function grouped(rows, col, cols) {
		var by = new Map();
		var out = [];
		rows.forEach(function (r) {
			if (!r[col]) {
				out.push(r);
				return;
			}
			var g = by.get(r[col]);
			if (!g) {
				g = r.slice(0, cols.length);
				g[col + 1] = 0;
				for (var i = 0; i < cols.length; i++) {
					if (cols[i][1] === 'n') {
						g[i] = 0;
					}
				}
				by.set(r[col], g);
				out.push(g);
			}
			g[col + 1] += 1;
			for (var j = 0; j < cols.length; j++) {
				if (cols[j][1] === 'n') {
					g[j] += r[j];
				}
			}
		});
		out.forEach(function (g) {
			if (g[col] && typeof g[col + 1] === 'number') {
				g[col + 1] = g[col + 1] + (g[col + 1] === 1 ? ' object' : ' objects');
			}
		});
		return out;
	}

	function makeTable(box) {
		var src = document.getElementById(box.getAttribute('data-src'));
		if (!src) {
			return;
		}
		var data = JSON.parse(src.textContent);
		var cols = data.cols;
		var state = {
			sort: typeof data.sort === 'number' ? data.sort : -1,
			desc: !!data.desc,
			filter: '',
			page: 0,
			group: false
		};
		var view = data.rows;

		var bar = el('div', 'bar');
		var input = el('input');
		input.type = 'search';
		input.placeholder = 'filter';
		input.setAttribute('aria-label', 'filter rows');
		bar.appendChild(input);
		var groupBox = null;
		if (typeof data.group === 'number') {
			var lab = el('label');
			groupBox = el('input');
			groupBox.type = 'checkbox';
			lab.appendChild(groupBox);
			lab.appendChild(document.createTextNode(' group by archive'));
			bar.appendChild(lab);
		}
		var prev = el('button', 'prev', '\u2039 previous');
		var next = el('button', 'next', 'next \u203a');
		var count = el('span', 'count');
		bar.appendChild(prev);
		bar.appendChild(next);
		bar.appendChild(count);
		box.appendChild(bar);

		var table = el('table');
		var thead = el('thead');
		var hr = el('tr');
		var ths = cols.map(function (c, i) {
			var th = el('th', null, c[0]);
			th.setAttribute('data-col', String(i));
			th.tabIndex = 0;
			hr.appendChild(th);
			return th;
		});
		thead.appendChild(hr);
		table.appendChild(thead);
		var tbody = el('tbody');
		table.appendChild(tbody);
		box.appendChild(table);

		function compute() {
			var rows = data.rows;
			if (state.group && groupBox) {
				rows = grouped(rows, data.group, cols);
			}
			if (state.filter) {
				var f = state.filter;
				rows = rows.filter(function (r) {
					for (var i = 0; i < cols.length; i++) {
						if (cols[i][1] !== 'n' && String(r[i]).toLowerCase().indexOf(f) >= 0) {
							return true;
						}
					}
					return false;
				});
			} else {
				rows = rows.slice();
			}
			if (state.sort >= 0) {
				var k = state.sort;
				var num = cols[k][1] === 'n';
				var dir = state.desc ? -1 : 1;
				rows.sort(function (a, b) {
					var x = a[k];
					var y = b[k];
					if (num) {
						return (x - y) * dir;
					}
					x = String(x);
					y = String(y);
					return (x < y ? -1 : x > y ? 1 : 0) * dir;
				});
			}
			view = rows;
		}

		function render() {
			var pages = Math.max(1, Math.ceil(view.length / PAGE));
			if (state.page >= pages) {
				state.page = pages - 1;
			}
			var from = state.page * PAGE;
			var to = Math.min(view.length, from + PAGE);
			var frag = document.createDocumentFragment();
			for (var i = from; i < to; i++) {
				var r = view[i];
				var tr = el('tr');
				for (var j = 0; j < cols.length; j++) {
					var td = el('td', cols[j][1]);
					var anchor = typeof data.anchor === 'number' && j === data.anchor ?
						r[cols.length] : null;
					if (anchor) {
						var a = el('a', null, fmt(r[j], cols[j][1]));
						a.href = '#' + anchor;
						td.appendChild(a);
					} else {
						td.textContent = fmt(r[j], cols[j][1]);
					}
					tr.appendChild(td);
				}
				frag.appendChild(tr);
			}
			tbody.textContent = '';
			tbody.appendChild(frag);
			ths.forEach(function (th, i) {
				if (i === state.sort) {
					th.setAttribute('aria-sort', state.desc ? 'descending' : 'ascending');
				} else {
					th.removeAttribute('aria-sort');
				}
			});
			count.textContent = view.length ?
				'rows ' + (from + 1).toLocaleString('en-US') + '\u2013' + to.toLocaleString('en-US') +
				' of ' + view.length.toLocaleString('en-US') +
				(view.length !== data.rows.length && !state.group ?
					' (filtered from ' + data.rows.length.toLocaleString('en-US') + ')' : '') +
				', page ' + (state.page + 1) + ' of ' + pages :
				'no rows';
			box.setAttribute('data-rows', String(view.length));
			box.setAttribute('data-total', String(data.rows.length));
			prev.disabled = state.page === 0;
			next.disabled = state.page >= pages - 1;
		}

		function update() {
			compute();
			render();
		}

		function sortBy(i) {
			if (state.sort === i) {
				state.desc = !state.desc;
			} else {
				state.sort = i;
				state.desc = cols[i][1] === 'n';
			}
			state.page = 0;
			update();
		}

		ths.forEach(function (th, i) {
			th.addEventListener('click', function () {
				sortBy(i);
			});
			th.addEventListener('keydown', function (ev) {
				if (ev.key === 'Enter' || ev.key === ' ') {
					ev.preventDefault();
					sortBy(i);
				}
			});
		});
		var timer = 0;
		input.addEventListener('input', function () {
			clearTimeout(timer);
			timer = setTimeout(function () {
				state.filter = input.value.trim().toLowerCase();
				state.page = 0;
				update();
			}, 120);
		});
		if (groupBox) {
			groupBox.addEventListener('change', function () {
				state.group = groupBox.checked;
				state.page = 0;
				update();
			});
		}
		prev.addEventListener('click', function () {
			state.page--;
			render();
		});
		next.addEventListener('click', function () {
			state.page++;
			render();
		});
		update();
	}

	/* Open the <details> around a link's target and make it stand out. */
	function reveal(id) {
		var t = id ? document.getElementById(id) : null;
		if (!t) {
			return;
		}
		for (var p = t.parentNode; p; p = p.parentNode) {
			if (p.tagName === 'DETAILS') {
				p.open = true;
			}
		}
		t.classList.add('flash');
		setTimeout(function () {
			t.classList.remove('flash');
		}, 2000);
		t.scrollIntoView({ block: 'center' });
	}

	document.querySelectorAll('.fltable[data-src]').forEach(makeTable);
	/* A second click on the same link changes no hash: reveal its target anyway. */
	document.addEventListener('click', function (ev) {
		var a = ev.target && ev.target.closest ? ev.target.closest('a') : null;
		var h = a ? a.getAttribute('href') || a.getAttribute('xlink:href') || '' : '';
		if (h.charAt(0) === '#' && h.slice(1) === location.hash.slice(1)) {
			reveal(h.slice(1));
		}
	});
	window.addEventListener('hashchange', function () {
		reveal(decodeURIComponent(location.hash.slice(1)));
	});
	if (location.hash) {
		reveal(decodeURIComponent(location.hash.slice(1)));
	}
	document.documentElement.setAttribute('data-ready', '1');
}());
