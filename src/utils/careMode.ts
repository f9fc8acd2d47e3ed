/**
 * A page root's classes in 关怀模式 (issue 18): its own plus `care-mode`, which app.css enlarges. weapp has no
 * app-wide root element, so each page's root view carries the class (on H5 <html> carries it as well). Used by the
 * main-package pages directly and by the subpackage pages through <PageRoot>.
 */
export function careModeClass(className: string, careMode: boolean): string {
  return careMode ? `${className} care-mode` : className
}
