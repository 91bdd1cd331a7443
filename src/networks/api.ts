export function registerNetworkApi(): void {}
