// The simulated CCAI agent adapter: posts `{type, data}` to its parent page as JSON strings, the
// way the CCAI Platform call and chat adapters do. Payload shapes follow the CCAI Platform custom CRM guide.
(() => {
  const AGENT = { agent_id: 1, agent_custom_id: '007', agent_email: 'giulia.rossi@example.com' };
  const CUSTOMERS = [
    { name: 'Luca Bianchi', phone: '333 123 4567', email: 'luca.bianchi@example.it', cuid: 'cust-1041' },
    { name: 'Sofia Conti', phone: '+39 347 765 4321', email: 'sofia.conti@example.it', cuid: 'cust-1042' },
    { name: 'Marco Ricci', phone: '320 555 0101', email: 'marco.ricci@example.it', cuid: 'cust-1043' },
    { name: 'Chiara Romano', phone: '06 1234 5678', email: 'chiara.romano@example.it', cuid: 'cust-1044' },
  ];
  const KINDS = {
    call: { label: 'Call', icon: '☎', type: 'New_Call', end: 'End_Call', session_type: 'Voice Inbound', queue_id: 8469, queue_path: 'Assistenza / Italia' },
    chat: { label: 'Web chat', icon: 'C', type: 'New_Chat', end: 'End_Chat', session_type: 'Messaging Inbound (Web Chat)', queue_id: 7678, queue_path: 'Supporto / Web' },
    whatsapp: { label: 'WhatsApp', icon: 'W', type: 'New_Chat', end: 'End_Chat', session_type: 'Messaging Inbound (WhatsApp)', queue_id: 7700, queue_path: 'Vendite / WhatsApp / Italia' },
    email: { label: 'E-mail', icon: '@', type: 'New_Chat', end: 'End_Chat', session_type: 'Email Inbound', queue_id: 7710, queue_path: 'Supporto / Email' },
  };
  const CHANNEL_CLASS = { call: 'voice', chat: 'chat', whatsapp: 'whatsapp', email: 'email' };
  const AUTO_ANSWER_MS = 1500;

  let nextCall = 103800;
  let nextChat = 88001;
  let nextCustomer = 0;
  const sessions = [];
  /** What was posted and when: the demo runner measures from these instants. */
  const posted = [];
  window.demoPosted = posted;

  const $ = (id) => document.getElementById(id);
  const autoAnswer = $('auto-answer');

  function post(payload) {
    posted.push({ type: payload.type, id: payload.data.call_id ?? payload.data.chat_id, at: Date.now() });
    parent.postMessage(JSON.stringify(payload), '*');
    const log = $('log');
    if (log.querySelector('.empty')) log.textContent = '';
    const item = document.createElement('li');
    const time = document.createElement('time');
    time.textContent = new Date().toLocaleTimeString('it-IT');
    const text = document.createElement('span');
    text.textContent = `${payload.type} ${payload.data.call_id ? 'call_id' : 'chat_id'}=${payload.data.call_id ?? payload.data.chat_id}`;
    item.append(time, text);
    log.prepend(item);
  }

  function payloadOf(session, type) {
    const kind = KINDS[session.kind];
    const { customer } = session;
    const data = {
      ...(session.kind === 'call' ? { call_id: session.id } : { chat_id: session.id }),
      session_type: kind.session_type,
      ...AGENT,
      queue_id: kind.queue_id,
      queue_path: kind.queue_path,
    };
    if (session.kind === 'call') data.support_phone_number = '+390240001234';
    // The end user's contact details, as CCAI's canonical names on end_user.
    if (session.kind === 'call' || session.kind === 'whatsapp') {
      data.end_user = { phone_number: customer.phone, cuid: customer.cuid };
    } else {
      data.end_user = { email: customer.email, cuid: customer.cuid };
    }
    return { type, data };
  }

  function offer(kindName) {
    const customer = CUSTOMERS[nextCustomer++ % CUSTOMERS.length];
    const session = {
      kind: kindName,
      id: kindName === 'call' ? nextCall++ : nextChat++,
      customer,
      state: 'ringing',
      timer: undefined,
    };
    sessions.push(session);
    if (autoAnswer.checked) {
      // No click, no user gesture: where a vendor's window.open is refused by Chrome.
      session.timer = setTimeout(() => answer(session), AUTO_ANSWER_MS);
    }
    render();
    return session.id;
  }

  function answer(session) {
    if (!session || session.state !== 'ringing') return;
    clearTimeout(session.timer);
    session.state = 'connected';
    post(payloadOf(session, KINDS[session.kind].type));
    render();
  }

  function end(session) {
    if (!session || session.state === 'ended') return;
    clearTimeout(session.timer);
    const wasAnswered = session.state === 'connected';
    session.state = 'ended';
    if (wasAnswered) post(payloadOf(session, KINDS[session.kind].end));
    render();
  }

  const current = () => [...sessions].reverse().find((s) => s.state !== 'ended');

  function render() {
    const list = $('sessions');
    list.textContent = '';
    const shown = sessions.slice(-4).reverse();
    if (!shown.length) {
      list.innerHTML = '<p class="empty">No interaction yet.</p>';
    }
    const active = current();
    for (const session of shown) {
      const kind = KINDS[session.kind];
      const card = document.createElement('div');
      card.className = `session${session === active ? ' current' : ''}`;
      const icon = document.createElement('span');
      icon.className = `ch ${CHANNEL_CLASS[session.kind]}`;
      icon.textContent = kind.icon;
      const body = document.createElement('div');
      const who = document.createElement('div');
      who.className = 'who';
      who.textContent = session.customer.name;
      const what = document.createElement('div');
      what.className = 'what';
      const contact = session.kind === 'call' || session.kind === 'whatsapp' ? session.customer.phone : session.customer.email;
      what.textContent = `${kind.label} · ${contact} · #${session.id}`;
      body.append(who, what);
      if (session.state === 'ringing' && session.timer !== undefined) {
        const countdown = document.createElement('div');
        countdown.className = 'countdown';
        countdown.textContent = 'Auto-answer in 1.5 s…';
        body.append(countdown);
      }
      const badge = document.createElement('span');
      badge.className = `badge ${session.state}`;
      badge.textContent = { ringing: 'Ringing', connected: 'Connected', ended: 'Ended' }[session.state];
      const spacer = document.createElement('span');
      spacer.className = 'spacer';
      card.append(icon, body, spacer, badge);
      list.append(card);
    }
    $('btn-answer').disabled = !active || active.state !== 'ringing';
    $('btn-end').disabled = !active;
  }

  for (const button of document.querySelectorAll('[data-kind]')) {
    button.addEventListener('click', () => offer(button.dataset.kind));
  }
  $('btn-answer').addEventListener('click', () => answer(current()));
  $('btn-end').addEventListener('click', () => end(current()));

  // For the scripted demo run, which drives the same functions the buttons do.
  window.demo = {
    offer,
    answerCurrent: () => answer(current()),
    endCurrent: () => end(current()),
    setAutoAnswer: (on) => { autoAnswer.checked = Boolean(on); },
  };
})();
