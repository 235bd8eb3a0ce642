import { t } from '../../i18n/i18n';

/** An event's decision in words, with a colour and never colour alone. */
export function DecisionBadge({ decision }: { decision: 'ALLOWED' | 'REFUSED' | 'BREAK_GLASS' }) {
  return <span class={`badge badge-${decision.toLowerCase().replace('_', '-')}`}>{t(decision)}</span>;
}
