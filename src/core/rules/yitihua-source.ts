// The source cited by the checks the provinces' 预算管理一体化系统 runs on save (profiles, RULES.md §4.6).
export const SRC_SYSTEM = {
  zh: '规则说明 §4.6 省级评分口径（预算管理一体化系统自评保存校验）',
  en: 'RULES.md §4.6 provincial profiles (the budget system checks before saving a self-evaluation)',
};
