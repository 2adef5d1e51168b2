import type { ComponentType } from 'preact';
import { adCountReaders, adReaders } from './ads';
import { concernRoles } from './concern';
import type { MessageKey } from './i18n';
import { AccountPage } from './pages/account';
import { AdPage } from './pages/ad';
import { AdGroupPage } from './pages/ad_group';
import { AdOutcomePage } from './pages/ad_outcome';
import { AdStatsPage } from './pages/ad_stats';
import { AdsPage } from './pages/ads';
import { AuditPage } from './pages/audit';
import { ConcernTaskPage } from './pages/concern';
import { ContactPage } from './pages/contact';
import { DisclosuresPage } from './pages/disclosures';
import { EncounterPage } from './pages/encounter';
import { LoginPage } from './pages/login';
import { NumbersPage } from './pages/numbers';
import { OnTheSpotPage } from './pages/on_the_spot';
import { OperationPage } from './pages/operation';
import { EditOperationPage, PlanOperationPage } from './pages/operation_plan';
import { OperationsPage } from './pages/operations';
import { RetentionPage } from './pages/retention';
import { RoutinePage } from './pages/routine';
import { RoutineComparePage } from './pages/routine_compare';
import { EditRoutinePage, NewRoutinePage } from './pages/routine_editor';
import { RoutinesPage } from './pages/routines';
import { StartPage } from './pages/start';
import { UnitsPage } from './pages/units';
import { UsersPage } from './pages/users';
import { outcomeReaders } from './outcomes';
import type { Role } from './roles';
import { routineReaders, routineWriters } from './routines';

export interface PageProps {
  /** Values of the :name segments of the route's path. */
  params: Record<string, string>;
}

/**
 * Who may open a page: everyone ('public'), every logged-in user ('user'), or users of the listed
 * roles. The server checks every request again; this only decides what the interface offers.
 */
export type Access = 'public' | 'user' | readonly Role[];

export interface PageRoute {
  /** Path pattern; ":name" matches one segment. */
  path: string;
  /** Text of the document title and, by convention, of the page's h1. */
  titleKey: MessageKey;
  /** When set, the page is listed in the primary navigation with this text, in this order. */
  navKey?: MessageKey;
  access: Access;
  component: ComponentType<PageProps>;
}

/** Roles that read operations: the person-level roles of the taking-part units, and the coordinator. */
const operationReaders: readonly Role[] = [
  'police_officer',
  'police_commander',
  'police_analyst',
  'social_worker',
  'social_case_officer',
  'coordinator',
];

/** Every page of the application. To add a page, add an entry here (and its texts in i18n/). */
export const pages: readonly PageRoute[] = [
  {
    path: '/',
    titleKey: 'start.title',
    navKey: 'nav.start',
    access: 'public',
    component: StartPage,
  },
  { path: '/logga-in', titleKey: 'login.title', access: 'public', component: LoginPage },
  {
    path: '/insatser',
    titleKey: 'operations.title',
    navKey: 'nav.operations',
    access: operationReaders,
    component: OperationsPage,
  },
  // Before /insatser/:id, which would match "ny" too.
  {
    path: '/insatser/ny',
    titleKey: 'plan.title',
    access: ['police_commander', 'social_case_officer'],
    component: PlanOperationPage,
  },
  { path: '/insatser/:id', titleKey: 'operation.title', access: operationReaders, component: OperationPage },
  {
    path: '/insatser/:id/andra',
    titleKey: 'plan.editTitle',
    access: ['police_commander', 'social_case_officer'],
    component: EditOperationPage,
  },
  {
    path: '/insatser/:id/pa-plats',
    titleKey: 'spot.title',
    access: ['police_officer', 'police_commander', 'social_worker', 'social_case_officer'],
    component: OnTheSpotPage,
  },
  {
    path: '/annonser',
    titleKey: 'ads.title',
    navKey: 'nav.ads',
    access: adReaders,
    component: AdsPage,
  },
  // Before /annonser/:id, which would match "statistik" too.
  {
    path: '/annonser/statistik',
    titleKey: 'adStats.title',
    navKey: 'nav.adStats',
    access: adCountReaders,
    component: AdStatsPage,
  },
  {
    path: '/resultat/annonser',
    titleKey: 'outcome.title',
    navKey: 'nav.adOutcome',
    access: outcomeReaders,
    component: AdOutcomePage,
  },
  { path: '/annonser/grupper/:id', titleKey: 'adGroup.title', access: adReaders, component: AdGroupPage },
  { path: '/annonser/:id', titleKey: 'ad.title', access: adReaders, component: AdPage },
  {
    path: '/kontakter/:id',
    titleKey: 'contact.title',
    access: ['social_worker', 'social_case_officer'],
    component: ContactPage,
  },
  {
    path: '/orosanmalan/:id',
    titleKey: 'concern.title',
    access: concernRoles,
    component: ConcernTaskPage,
  },
  {
    path: '/moten/:id',
    titleKey: 'encounter.title',
    access: ['police_officer', 'police_commander', 'police_analyst'],
    component: EncounterPage,
  },
  {
    path: '/uppgiftslamnanden',
    titleKey: 'disclosures.title',
    navKey: 'nav.disclosures',
    access: ['police_officer', 'police_commander', 'police_analyst', 'social_worker', 'social_case_officer'],
    component: DisclosuresPage,
  },
  {
    path: '/rutiner',
    titleKey: 'routines.title',
    navKey: 'nav.routines',
    access: routineReaders,
    component: RoutinesPage,
  },
  // Before /rutiner/:id, which would match "ny" too.
  { path: '/rutiner/ny', titleKey: 'editor.newTitle', access: routineWriters, component: NewRoutinePage },
  { path: '/rutiner/:id', titleKey: 'routine.title', access: routineReaders, component: RoutinePage },
  {
    path: '/rutiner/:id/version/:v',
    titleKey: 'routine.title',
    access: routineReaders,
    component: RoutinePage,
  },
  {
    path: '/rutiner/:id/redigera',
    titleKey: 'editor.editTitle',
    access: routineWriters,
    component: EditRoutinePage,
  },
  {
    path: '/rutiner/:id/jamfor',
    titleKey: 'compare.title',
    access: routineReaders,
    component: RoutineComparePage,
  },
  {
    path: '/siffror',
    titleKey: 'numbers.title',
    navKey: 'nav.numbers',
    access: [...operationReaders, 'committee'],
    component: NumbersPage,
  },
  {
    path: '/mitt-konto',
    titleKey: 'account.title',
    navKey: 'nav.account',
    access: 'user',
    component: AccountPage,
  },
  {
    path: '/admin/enheter',
    titleKey: 'units.title',
    navKey: 'nav.units',
    access: ['admin'],
    component: UnitsPage,
  },
  {
    path: '/admin/anvandare',
    titleKey: 'users.title',
    navKey: 'nav.users',
    access: ['admin'],
    component: UsersPage,
  },
  {
    path: '/admin/gallring',
    titleKey: 'retention.title',
    navKey: 'nav.retention',
    access: ['admin'],
    component: RetentionPage,
  },
  {
    path: '/granskning',
    titleKey: 'audit.title',
    navKey: 'nav.audit',
    access: ['admin', 'police_commander', 'social_case_officer'],
    component: AuditPage,
  },
];

/** Whether a user of `role` (null: not logged in) may open a page with `access`. */
export function mayOpen(access: Access, role: string | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'user') return true;
  return (access as readonly string[]).includes(role);
}
