/**
 * Which text of a chat request the classifier sees: the last user message, optionally preceded by the
 * system/developer prompt. Earlier turns are left out: the newest user turn carries the intent to route on.
 */
import { messageText, type ChatCompletionRequest } from '../openai/types.js';

/**
 * The last user message's text (string content, or the text parts of array-form content joined by newlines);
 * with `includeSystemPrompt`, the system/developer messages' text first, separated by a newline. Empty when
 * the request has no user message.
 */
export function classificationText(request: ChatCompletionRequest, includeSystemPrompt: boolean): string {
  const lastUser = request.messages.findLast((message) => message.role === 'user');
  const userText = lastUser === undefined ? '' : messageText(lastUser);
  if (!includeSystemPrompt) return userText;
  const systemText = request.messages
    .filter((message) => message.role === 'system' || message.role === 'developer')
    .map(messageText)
    .filter((text) => text !== '')
    .join('\n');
  if (systemText === '') return userText;
  return userText === '' ? systemText : `${systemText}\n${userText}`;
}
