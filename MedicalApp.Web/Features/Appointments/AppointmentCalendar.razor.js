// Dragging an appointment block to another time or column of the calendar. The page is told where it was dropped and
// asks the reschedule service, which decides; nothing is moved here. Loaded as a module (no inline script: CSP).

export function attach(host, page) {
    let dragged = null;
    let grabOffset = 0;

    const blockOf = target => target instanceof Element ? target.closest('[data-appointment-id][draggable="true"]') : null;
    const columnOf = target => target instanceof Element ? target.closest('[data-column]') : null;

    function onDragStart(event) {
        const block = blockOf(event.target);
        if (!block) {
            return;
        }

        dragged = block.dataset.appointmentId;
        // Where in the block it was grabbed, so its top (its start time) lands where the block is seen to go.
        grabOffset = event.clientY - block.getBoundingClientRect().top;
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', block.dataset.number || dragged);
        block.classList.add('cal-dragging');
    }

    function onDragOver(event) {
        if (dragged && columnOf(event.target)) {
            event.preventDefault();
            event.dataTransfer.dropEffect = 'move';
        }
    }

    function onDrop(event) {
        const column = columnOf(event.target);
        if (!dragged || !column) {
            return;
        }

        event.preventDefault();
        const id = dragged;
        dragged = null;
        const top = event.clientY - grabOffset - column.getBoundingClientRect().top;
        const minutes = Math.max(0, top / Number(column.dataset.pixelsPerMinute));
        page.invokeMethodAsync('DropAsync', id, Number(column.dataset.column), minutes);
    }

    function onDragEnd(event) {
        dragged = null;
        const block = blockOf(event.target);
        if (block) {
            block.classList.remove('cal-dragging');
        }
    }

    host.addEventListener('dragstart', onDragStart);
    host.addEventListener('dragover', onDragOver);
    host.addEventListener('drop', onDrop);
    host.addEventListener('dragend', onDragEnd);
    return {
        detach() {
            host.removeEventListener('dragstart', onDragStart);
            host.removeEventListener('dragover', onDragOver);
            host.removeEventListener('drop', onDrop);
            host.removeEventListener('dragend', onDragEnd);
        },
    };
}
