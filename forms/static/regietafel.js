// The page script: progressive enhancement only. Every page works without it; the server validates
// everything again. Loaded with `defer` from our own origin (the CSP allows no inline script).

// Conditional questions (GOV.UK's "conditional reveal"): a block of questions asked only after an answer
// (`data-rt-question` names the question's input, `data-rt-answers` the answers that open it) is hidden
// until one of those answers is chosen, and its "Alleen invullen als …" line, meant for pages without
// this script, goes. The answers in a hidden block are still posted; the server drops them.
(() => {
  const blocks = [...document.querySelectorAll('[data-rt-question]')];
  if (blocks.length === 0) return;
  const answerOf = (form, name) => {
    const control = form.elements.namedItem(name);
    return control && 'value' in control ? control.value : '';
  };
  const update = () => {
    for (const block of blocks) {
      const form = block.closest('form');
      const answers = (block.getAttribute('data-rt-answers') || '').split(' ');
      block.hidden = !form || !answers.includes(answerOf(form, block.getAttribute('data-rt-question')));
    }
  };
  for (const block of blocks) {
    for (const hint of block.querySelectorAll(':scope > .rt-conditional__hint')) hint.hidden = true;
  }
  document.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) update();
  });
  update();
})();
