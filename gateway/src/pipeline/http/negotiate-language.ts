import { pickLanguage } from '@cmb/kit';
import type { HttpStep } from '../steps';

/** Chooses the language of every message of the answer from `Accept-Language` (French by default, English, Arabic). */
export const negotiateLanguage: HttpStep = (exchange) => {
  exchange.language = pickLanguage(exchange.req.headers['accept-language']);
};
