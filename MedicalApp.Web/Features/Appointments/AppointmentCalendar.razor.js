// Dragging an appointment block to another time or column of the calendar, with pointer events (mouse, pen and touch
// alike). The page is told where the block's top was dropped and asks the reschedule service, which decides; nothing
// is moved here. Loaded as a module (no inline script: the production CSP). Here too: the grid's roving tabindex
// follows the arrow keys; moving a block with the keyboard (M, arrows, Enter) is the page's.

const threshold = 4;

// The keys that walk the grid's roving tabindex, in the order of each cell's data-nav (positions of the cells it
// goes to, written by the page from CalendarRovingFocus). Followed here, so the focus moves at once, with no round
// trip to the server per key; a block being moved with the keyboard (cal-moving) leaves its keys to the page.
const gridKeys = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End'];

// The page of each attached grid, told where its Tab stop went (it writes the tabindex values when it renders), and
// the cell the script last made the Tab stop.
const pages = new WeakMap();
const stops = new WeakMap();

/** Makes this cell the grid's one Tab stop (the others -1), optionally focusing it. */
function rove(host, cell, focus) {
    const moved = cell.tabIndex !== 0;
    for (const other of host.querySelectorAll('[data-cell-index][tabindex="0"]')) {
        if (other !== cell) {
            other.tabIndex = -1;
        }
    }

    cell.tabIndex = 0;
    stops.set(host, cell.dataset.cell);
    if (focus) {
        cell.focus();
    }

    const page = pages.get(host);
    if (moved && page) {
        // A circuit that is gone has nothing to remember; the page is drawn anew when it comes back.
        page.invokeMethodAsync('TabStopMoved', cell.dataset.cell).catch(() => { });
    }
}

/** Focuses the slot or block with this key (a block moved with the keyboard gets the focus back). */
export function focusCell(host, key) {
    const cell = host.querySelector(`[data-cell="${CSS.escape(key)}"]`);
    if (cell) {
        rove(host, cell, true);
    }
}

export function attach(host, page) {
    let drag = null;

    function onPointerDown(event) {
        const block = event.button === 0 && event.target instanceof Element ? event.target.closest('[data-appointment-id][data-movable="true"]') : null;
        if (!block || !host.contains(block)) {
            return;
        }

        // Where in the block it was grabbed, so its top (its start time) lands where the block is seen to go.
        drag = { block, id: block.dataset.appointmentId, x: event.clientX, y: event.clientY, grab: event.clientY - block.getBoundingClientRect().top, moving: false };
        window.addEventListener('pointermove', onPointerMove);
        window.addEventListener('pointerup', onPointerUp);
        window.addEventListener('pointercancel', reset);
    }

    function onPointerMove(event) {
        if (!drag) {
            return;
        }

        const dx = event.clientX - drag.x;
        const dy = event.clientY - drag.y;
        if (!drag.moving && Math.hypot(dx, dy) < threshold) {
            return;
        }

        drag.moving = true;
        drag.block.classList.add('cal-dragging');
        drag.block.style.transform = `translate(${dx}px, ${dy}px)`;
        event.preventDefault();
    }

    function onPointerUp(event) {
        const done = drag;
        reset();
        if (!done || !done.moving) {
            return;
        }

        // The pointer went down on the block and up elsewhere: that is a move, not a click on what is under it.
        const swallow = e => { e.stopImmediatePropagation(); e.preventDefault(); };
        window.addEventListener('click', swallow, { capture: true, once: true });
        setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 0);

        const under = document.elementFromPoint(event.clientX, event.clientY);
        const column = under ? under.closest('[data-column]') : null;
        if (!column || !host.contains(column)) {
            return;
        }

        const top = event.clientY - done.grab - column.getBoundingClientRect().top;
        const minutes = Math.max(0, top / Number(column.dataset.pixelsPerMinute));
        page.invokeMethodAsync('DropAsync', done.id, Number(column.dataset.column), minutes);
    }

    function reset() {
        if (drag) {
            drag.block.classList.remove('cal-dragging');
            drag.block.style.transform = '';
        }

        drag = null;
        window.removeEventListener('pointermove', onPointerMove);
        window.removeEventListener('pointerup', onPointerUp);
        window.removeEventListener('pointercancel', reset);
    }

    function onKeyDown(event) {
        const position = gridKeys.indexOf(event.key);
        const cell = position >= 0 && event.target instanceof Element ? event.target.closest('[data-cell-index]') : null;
        if (!cell || !host.contains(cell) || cell.classList.contains('cal-moving') || event.altKey || event.shiftKey || event.metaKey) {
            return;
        }

        // The arrows would scroll the page too; the grid has them.
        event.preventDefault();
        const last = host.querySelectorAll('[data-cell-index]').length - 1;
        const to = event.ctrlKey && event.key === 'Home' ? 0
            : event.ctrlKey && event.key === 'End' ? last
            : Number((cell.dataset.nav || '').split(' ')[position]);
        const next = host.querySelector(`[data-cell-index="${to}"]`);
        if (next && next !== cell) {
            rove(host, next, true);
        }
    }

    // A cell focused any other way (a click, the page) becomes the Tab stop at once.
    function onFocusIn(event) {
        const cell = event.target instanceof Element ? event.target.closest('[data-cell-index]') : null;
        if (cell && host.contains(cell)) {
            rove(host, cell, false);
        }
    }

    host.addEventListener('pointerdown', onPointerDown);
    host.addEventListener('keydown', onKeyDown);
    host.addEventListener('focusin', onFocusIn);
    // A render that was under way while the arrows moved on (a blur's, say) writes the Tab stop the page knew then:
    // the cell the script chose stays the one Tab stop while it is drawn.
    const keeper = new MutationObserver(records => {
        const key = stops.get(host);
        const stop = key ? host.querySelector(`[data-cell="${CSS.escape(key)}"]`) : null;
        if (!stop) {
            return;
        }

        for (const record of records) {
            const cell = record.target;
            if (cell !== stop && cell instanceof Element && cell.matches('[data-cell-index]') && cell.getAttribute('tabindex') === '0') {
                cell.tabIndex = -1;
            }
        }

        if (stop.getAttribute('tabindex') !== '0') {
            stop.tabIndex = 0;
        }
    });
    keeper.observe(host, { attributes: true, attributeFilter: ['tabindex'], subtree: true });

    pages.set(host, page);
    // Said on the page, so what waits for the keyboard (a test, say) knows the grid's keys are listened to.
    host.dataset.calendarKeys = 'ready';
    return {
        detach() {
            reset();
            host.removeEventListener('pointerdown', onPointerDown);
            host.removeEventListener('keydown', onKeyDown);
            host.removeEventListener('focusin', onFocusIn);
            keeper.disconnect();
            pages.delete(host);
            stops.delete(host);
        },
    };
}
