// The host page listens for the element's `analyzed` event and lists the speakers.
document.getElementById('story').addEventListener('analyzed', (event) => {
  const names = [...new Set(event.detail.quotes.filter((q) => q.speaker).map((q) => q.speaker.name))];
  const list = document.getElementById('speakers');
  list.replaceChildren(...names.map((n) => Object.assign(document.createElement('li'), { textContent: n })));
});
