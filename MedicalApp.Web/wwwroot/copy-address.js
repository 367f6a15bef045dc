// "Copy" buttons of static pages (the practice's address after registration). The button stays hidden without
// script, where the address is still there to select; with it, a click copies and says so in a live region.
for (const button of document.querySelectorAll('button[data-copy-from]')) {
    const source = document.getElementById(button.dataset.copyFrom);
    const status = document.getElementById(button.dataset.copyStatus);
    if (!source || !status) {
        continue;
    }

    button.hidden = false;
    button.addEventListener('click', async () => {
        try {
            await navigator.clipboard.writeText(source.value);
            status.textContent = 'Copied. Paste it where you keep your bookmarks or notes.';
        } catch {
            // No clipboard (an address that is not https, or permission refused): select it for Ctrl+C instead.
            source.focus();
            source.select();
            status.textContent = 'The address is selected: press Ctrl+C (or ⌘+C) to copy it.';
        }
    });
}
