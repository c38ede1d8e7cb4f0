// The simulated AgentDesktop: posts SDK events (AgentDesktop SDK guide) as JSON objects within its own origin.
(() => {
  const CALLERS = [
    { ani: '+390212345678', service: 'ASSISTENZA_CLIENTI', queue: 'Assistenza_Clienti' },
    { ani: '0698765432', service: 'VENDITE', queue: 'Vendite' },
    { ani: '+393471234567', service: 'ASSISTENZA_CLIENTI', queue: 'Assistenza_Clienti' },
  ];
  const AUTO_ANSWER_MS = 1500;
  const WRAP_UP_MS = 2000;

  let nextContact = 4711;
  let nextCaller = 0;
  /** The call on the desk, or undefined. */
  let call;
  /** What was posted and when: the demo runner measures from these instants. */
  const posted = [];
  window.demoPosted = posted;

  const $ = (id) => document.getElementById(id);
  const autoAnswer = $('auto-answer');

  const uuid = () =>
    crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;

  function emit(event) {
    const message = {
      event,
      id: call.id,
      uuid: call.uuid,
      type: 'inbound',
      media_type: 'telephony',
      job_type: 'inbound',
      service: call.caller.service,
      ani: call.caller.ani,
      dnis: '800123456',
      queue: call.caller.queue,
      isACD: true,
      ...(event === 'RINGING' ? {} : { job_state: event === 'ESTABLISHED' ? 'online' : 'offline', startTime: call.startTime }),
      ...(event === 'CONNECTIONCLEARED' || event === 'JOBFINISHED' ? { endTime: call.endTime, reason: 'NORMAL_CLEARING' } : {}),
    };
    posted.push({ type: event, id: call.uuid, at: Date.now() });
    window.postMessage(message, location.origin);
    const log = $('log');
    if (log.querySelector('.empty')) log.textContent = '';
    const item = document.createElement('li');
    const time = document.createElement('time');
    time.textContent = new Date().toLocaleTimeString('it-IT');
    const text = document.createElement('span');
    text.textContent = `${event} ${call.id} ani=${call.caller.ani}`;
    item.append(time, text);
    log.prepend(item);
    $('last').textContent = JSON.stringify(message, null, 2);
  }

  function incoming() {
    if (call) return undefined;
    call = { id: `CT7-${String(nextContact++).padStart(7, '0')}`, uuid: uuid(), caller: CALLERS[nextCaller++ % CALLERS.length], state: 'ringing' };
    emit('RINGING');
    if (autoAnswer.checked) {
      // No click, no user gesture: where a vendor's window.open is refused by Chrome.
      call.timer = setTimeout(answer, AUTO_ANSWER_MS);
    }
    render();
    return call.uuid;
  }

  function answer() {
    if (!call || call.state !== 'ringing') return;
    clearTimeout(call.timer);
    call.state = 'connected';
    call.startTime = Date.now();
    emit('ESTABLISHED');
    render();
  }

  function hangUp() {
    if (!call || call.state === 'wrapup') return;
    clearTimeout(call.timer);
    call.state = 'wrapup';
    call.startTime ??= Date.now();
    call.endTime = Date.now();
    emit('CONNECTIONCLEARED');
    render();
    const finished = call;
    setTimeout(() => {
      if (call !== finished) return;
      emit('JOBFINISHED');
      call = undefined;
      render();
    }, WRAP_UP_MS);
  }

  function render() {
    const display = $('display');
    display.className = `display ${call ? call.state : 'idle'}`;
    const status = {
      ringing: autoAnswer.checked && call?.timer ? 'Ringing — auto-answer in 1.5 s' : 'Ringing…',
      connected: 'Connected',
      wrapup: 'Wrap-up',
    };
    $('status').textContent = call ? status[call.state] : 'Idle — waiting for a call';
    $('ani').textContent = call ? call.caller.ani : '\u00a0';
    $('meta').textContent = call ? `${call.id} · queue ${call.caller.queue} · DNIS 800123456` : '\u00a0';
    $('agent-state').textContent = call ? { ringing: 'Alerting', connected: 'Busy', wrapup: 'Wrap-up' }[call.state] : 'Ready';
    $('agent-state-badge').className = `state ${call ? (call.state === 'wrapup' ? 'wrapup' : 'busy') : ''}`;
    $('btn-incoming').disabled = Boolean(call);
    $('btn-answer').disabled = !call || call.state !== 'ringing';
    $('btn-hangup').disabled = !call || call.state === 'wrapup';
  }

  $('btn-incoming').addEventListener('click', incoming);
  $('btn-answer').addEventListener('click', answer);
  $('btn-hangup').addEventListener('click', hangUp);
  autoAnswer.addEventListener('change', render);

  // For the scripted demo run, which drives the same functions the buttons do.
  window.demo = { incoming, answer, hangUp, setAutoAnswer: (on) => { autoAnswer.checked = Boolean(on); } };
  render();
})();
