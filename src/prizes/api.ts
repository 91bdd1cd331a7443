export function registerPrizeApi(): void {}
