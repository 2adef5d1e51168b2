import type { ComponentType } from 'preact';
import type { MessageKey } from './i18n';
import { StartPage } from './pages/start';

export interface PageProps {
  /** Values of the :name segments of the route's path. */
  params: Record<string, string>;
}

export interface PageRoute {
  /** Path pattern; ":name" matches one segment. */
  path: string;
  /** Text of the document title and, by convention, of the page's h1. */
  titleKey: MessageKey;
  /** When set, the page is listed in the primary navigation with this text, in this order. */
  navKey?: MessageKey;
  component: ComponentType<PageProps>;
}

/** Every page of the application. To add a page, add an entry here (and its texts in i18n/). */
export const pages: readonly PageRoute[] = [
  { path: '/', titleKey: 'start.title', navKey: 'nav.start', component: StartPage },
];
