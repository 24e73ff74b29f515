import { defineRule } from './rule';
import { SRC_SYSTEM } from './yitihua-source';
import { readDescriptions } from '../profile-columns';

export default defineRule({
  id: 'description-missing',
  severity: () => 'error',
  source: SRC_SYSTEM,
  message: () => ({
    zh: '定性指标须填写完成情况简要描述',
    en: 'A qualitative indicator needs its short description of what was done',
  }),
  check({ table: t, profile, report }) {
    if (!profile.checks.qualitativeDescription || !readDescriptions(t)) return;
    for (const i of t.indicators) if (i.operator === 'qualitative' && i.descriptionBlank) report(i.descriptionPos, {});
  },
});
