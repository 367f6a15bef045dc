// Dragging an appointment block to another time or column of the calendar, with pointer events (mouse, pen and touch
// alike). The page is told where the block's top was dropped and asks the reschedule service, which decides; nothing
// is moved here. Loaded as a module (no inline script: the production CSP). The keyboard way is in the page itself;
// here the grid's keys are only kept from scrolling it, and a cell the page chose is focused.

const threshold = 4;

// The keys that walk the grid's roving tabindex (CalendarRovingFocus): they must not also scroll the page.
const gridKeys = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End']);

/** Focuses the slot or block with this key (the page's roving tabindex moved there, or a moved block came back). */
export function focusCell(host, key) {
    const cell = host.querySelector(`[data-cell="${CSS.escape(key)}"]`);
    if (cell) {
        cell.focus();
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
        if (gridKeys.has(event.key) && event.target instanceof Element && event.target.closest('[data-cell]')) {
            event.preventDefault();
        }
    }

    host.addEventListener('pointerdown', onPointerDown);
    host.addEventListener('keydown', onKeyDown);
    return {
        detach() {
            reset();
            host.removeEventListener('pointerdown', onPointerDown);
            host.removeEventListener('keydown', onKeyDown);
        },
    };
}
