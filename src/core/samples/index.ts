// Sample events for the live preview: the vendor payloads each adapter is tested with.
import adChatEstablished from './payloads/agentdesktop/chat_established.json';
import adEmailJobStarted from './payloads/agentdesktop/email_jobstarted.json';
import adCleared from './payloads/agentdesktop/telephony_connectioncleared.json';
import adDialing from './payloads/agentdesktop/telephony_outbound_dialing.json';
import adEstablished from './payloads/agentdesktop/telephony_established.json';
import adRinging from './payloads/agentdesktop/telephony_ringing.json';
import ccaiActiveChat from './payloads/ccai/active_chat.json';
import ccaiRecordPop from './payloads/ccai/constructed.crm_record_pop.json';
import ccaiCallEndUser from './payloads/ccai/constructed.new_call_end_user.json';
import ccaiWhatsApp from './payloads/ccai/constructed.new_chat_whatsapp.json';
import ccaiTransferCall from './payloads/ccai/constructed.transfer_call.json';
import ccaiDismissed from './payloads/ccai/dismissed_chat.json';
import ccaiEndCall from './payloads/ccai/end_call.json';
import ccaiEndChat from './payloads/ccai/end_chat.json';
import ccaiNewCall from './payloads/ccai/new_call.json';
import ccaiNewChat from './payloads/ccai/new_chat.json';
import ccaiTransferChat from './payloads/ccai/transfer_chat.json';
import type { AdapterId } from '../interaction-event';

export interface Sample {
  id: string;
  label: string;
  payload: unknown;
}

const screenpop = (phase: string, channel: string, vars: Record<string, string>) => ({
  screenpop: 1,
  phase,
  interactionId: `sample-${channel}`,
  channel,
  vars,
});

export const SAMPLES: Readonly<Record<AdapterId, readonly Sample[]>> = {
  ccai: [
    { id: 'ccai-whatsapp', label: 'New_Chat — WhatsApp (+39 333 …)', payload: ccaiWhatsApp },
    { id: 'ccai-chat', label: 'New_Chat — web chat', payload: ccaiNewChat },
    { id: 'ccai-call', label: 'New_Call — voice campaign', payload: ccaiNewCall },
    { id: 'ccai-call-user', label: 'New_Call — end user with phone', payload: ccaiCallEndUser },
    { id: 'ccai-active', label: 'Active_Chat', payload: ccaiActiveChat },
    { id: 'ccai-transfer-chat', label: 'Transfer_Chat', payload: ccaiTransferChat },
    { id: 'ccai-transfer-call', label: 'Transfer_Call', payload: ccaiTransferCall },
    { id: 'ccai-end-chat', label: 'End_Chat', payload: ccaiEndChat },
    { id: 'ccai-end-call', label: 'End_Call', payload: ccaiEndCall },
    { id: 'ccai-dismissed', label: 'Dismissed_Chat', payload: ccaiDismissed },
    { id: 'ccai-record', label: 'CRM_Record_Pop', payload: ccaiRecordPop },
  ],
  agentdesktop: [
    { id: 'ad-ringing', label: 'RINGING — telephony', payload: adRinging },
    { id: 'ad-dialing', label: 'DIALING — outbound', payload: adDialing },
    { id: 'ad-established', label: 'ESTABLISHED — telephony', payload: adEstablished },
    { id: 'ad-chat', label: 'ESTABLISHED — chat', payload: adChatEstablished },
    { id: 'ad-email', label: 'JOBSTARTED — e-mail', payload: adEmailJobStarted },
    { id: 'ad-cleared', label: 'CONNECTIONCLEARED', payload: adCleared },
  ],
  screenpop: [
    { id: 'sp-whatsapp', label: 'answered — WhatsApp', payload: screenpop('answered', 'whatsapp', { ANI: '+393331234567', QUEUE_PATH: 'Sales/WhatsApp' }) },
    { id: 'sp-voice', label: 'ringing — voice', payload: screenpop('ringing', 'voice', { ANI: '+390212345678', DNIS: '800123456' }) },
    { id: 'sp-email', label: 'answered — e-mail', payload: screenpop('answered', 'email', { EMAIL: 'luca@example.it', SUBJECT: 'Order ORD-5521' }) },
  ],
  generic: [],
};
