// The one script the form pages load: small enhancements on top of pages that work without it.
// 1. Error summary links (GOV.UK Frontend's error summary): focus the field and scroll its label, or the
//    legend of its fieldset, into view, so the question and its error stay above the field. Without the
//    script, the browser jumps to the field and CSS `scroll-margin` keeps room above it.
// 2. Character count (GOV.UK's pattern) under a text area: "U heeft nog N tekens" as one types, or
//    "U heeft N tekens te veel"; the server counts the same way and refuses a text that is too long.

const labelOrLegend = (field) => {
  const label = field.id ? document.querySelector(`label[for="${CSS.escape(field.id)}"]`) : null;
  const legend = field.closest('fieldset')?.querySelector(':scope > legend');
  if (!legend) return label;
  // A radio button's question is its legend; a text field in a fieldset (a row of a repeated group) shows
  // the row's legend too when both fit on the screen, else its own label.
  if (field.type === 'radio' || field.type === 'checkbox' || !label) return legend;
  const fits = field.getBoundingClientRect().bottom - legend.getBoundingClientRect().top < window.innerHeight;
  return fits ? legend : label;
};

document.addEventListener('click', (event) => {
  const link =
    event.target instanceof Element ? event.target.closest('.rt-error-summary a[href^="#"]') : null;
  if (!link) return;
  const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!field) return;
  event.preventDefault();
  // The address says where the page is, as after the browser's own jump (Back returns to the summary).
  history.pushState(null, '', link.hash);
  (labelOrLegend(field) ?? field).scrollIntoView();
  field.focus({ preventScroll: true });
});

const countFormat = new Intl.NumberFormat('nl-NL');
const tekens = (count) => `${countFormat.format(count)} ${count === 1 ? 'teken' : 'tekens'}`;

/** The same words the server writes under the field (forms/render/form-page.ts `characterCountText`). */
const countText = (length, max) =>
  length > max ? `U heeft ${tekens(length - max)} te veel` : `U heeft nog ${tekens(max - length)}`;

for (const count of document.querySelectorAll('.rt-character-count[data-max]')) {
  const area = document.getElementById(count.dataset.for ?? '');
  const max = Number(count.dataset.max);
  if (!(area instanceof HTMLTextAreaElement) || !Number.isFinite(max)) continue;
  // What a screen reader hears: the count once the typing pauses, not at every key.
  const status = document.createElement('div');
  status.className = 'rt-visually-hidden';
  status.setAttribute('aria-live', 'polite');
  count.after(status);
  const show = () => {
    count.textContent = countText(area.value.length, max);
    count.classList.toggle('rt-character-count--over', area.value.length > max);
  };
  let pause;
  area.addEventListener('input', () => {
    show();
    clearTimeout(pause);
    pause = setTimeout(() => {
      status.textContent = count.textContent;
    }, 1000);
  });
  show();
}
