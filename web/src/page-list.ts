import type { Role } from '../../contract/auth.ts';
import type { FilterName } from './filters.ts';

/** Every page of the dashboard: its path, navigation label, heading and which filters it offers. */
export interface PageDef {
  id: PageId;
  path: string;
  title: string;
  navLabel: string;
  description: string;
  filters: FilterName[];
  /** False for a page reached from other pages' links rather than the menu. */
  nav?: boolean;
  /** The least role that may open the page (the API enforces the same in server/auth/route-roles.ts). */
  role: Role;
  /** Pages grouped under one menu item, with their own second-level menu. */
  section?: SectionId;
}

export type SectionId = 'compare' | 'commissioning' | 'admin';
export const sections: Record<SectionId, { label: string; navLabel: string }> = {
  compare: { label: 'Compare and find indicators', navLabel: 'Compare' },
  commissioning: { label: 'Commissioning analytics', navLabel: 'Commissioning' },
  admin: { label: 'Administration', navLabel: 'Admin' },
};

export type PageId =
  | 'overview'
  | 'needs'
  | 'gaps'
  | 'outcomes'
  | 'local-offer'
  | 'personal-budgets'
  | 'preparing-for-adulthood'
  | 'provision-gaps'
  | 'journey'
  | 'forecast'
  | 'workload'
  | 'benchmarks'
  | 'compare'
  | 'overview-grid'
  | 'search'
  | 'data-quality'
  | 'export'
  | 'board-pack'
  | 'upload'
  | 'users'
  | 'glossary';

export const pages: readonly PageDef[] = [
  {
    id: 'overview',
    path: '/',
    title: 'Overview',
    navLabel: 'Overview',
    description: 'Headline needs, gaps and outcomes for children and young people with special educational needs and disabilities (SEND), with trends and comparisons.',
    filters: ['area', 'period'],
    role: 'viewer',
  },
  {
    id: 'needs',
    path: '/needs',
    title: 'Needs',
    navLabel: 'Needs',
    description: 'How many children and young people have SEND, what their needs are and how demand is changing.',
    filters: ['area', 'period', 'by', 'compare'],
    role: 'viewer',
  },
  {
    id: 'gaps',
    path: '/gaps',
    title: 'Gaps',
    navLabel: 'Gaps',
    description: 'Where provision is late, missing, far from home or short of demand.',
    filters: ['area', 'period', 'by', 'compare'],
    role: 'viewer',
  },
  {
    id: 'outcomes',
    path: '/outcomes',
    title: 'Outcomes',
    navLabel: 'Outcomes',
    description: 'Whether the system meets its duties on time and what happens to children and young people.',
    filters: ['area', 'period', 'by', 'compare'],
    role: 'viewer',
  },
  {
    id: 'local-offer',
    path: '/local-offer',
    title: 'Local Offer and feedback',
    navLabel: 'Local Offer',
    description: 'What the Local Offer provides for each age and need, and what families and young people say about it.',
    filters: ['area', 'period', 'by', 'compare'],
    role: 'viewer',
  },
  {
    id: 'personal-budgets',
    path: '/personal-budgets',
    title: 'Personal budgets',
    navLabel: 'Personal budgets',
    description: 'How many families and young people with an EHC plan take up a personal budget, and how it is paid.',
    filters: ['area', 'period', 'by', 'compare'],
    role: 'viewer',
  },
  {
    id: 'preparing-for-adulthood',
    path: '/preparing-for-adulthood',
    title: 'Preparing for adulthood and transitions',
    navLabel: 'Preparing for adulthood',
    description: 'Employment, independent living and the move to adult services for young people aged 14 to 25.',
    filters: ['area', 'period', 'by', 'compare'],
    role: 'viewer',
  },
  {
    id: 'provision-gaps',
    path: '/provision-gaps',
    title: 'Provision gaps',
    navLabel: 'Provision gaps',
    description: 'Where EHC plans need more provision than the Local Offer has places for, by kind of provision, locality and age; who commissions it, how long children wait for it to start, and placements away from home.',
    filters: ['period'],
    role: 'commissioner',
    section: 'commissioning',
  },
  {
    id: 'journey',
    path: '/journey',
    title: 'The EHC journey',
    navLabel: 'EHC journey',
    description: 'A single view of the child: how many children reach each step from request to plan, how long each step takes, who is waiting now, and how plans, social care assessments and personal budgets overlap.',
    filters: ['area', 'period'],
    role: 'commissioner',
    section: 'commissioning',
  },
  {
    id: 'forecast',
    path: '/forecast',
    title: 'Forecast of EHC plans',
    navLabel: 'Forecast',
    description: 'How many EHC plans are likely to be active in each of the next five years if recent patterns carry on, by age and need, and how sure that is.',
    filters: ['area', 'by'],
    role: 'commissioner',
    section: 'commissioning',
  },
  {
    id: 'workload',
    path: '/workload',
    title: 'Workload planner',
    navLabel: 'Workload planner',
    description: 'How many annual reviews the EHC plan caseload brings each year and each week, and how many coordinators that needs.',
    filters: ['area', 'period'],
    role: 'commissioner',
    section: 'commissioning',
  },
  {
    id: 'benchmarks',
    path: '/benchmarks',
    title: 'Benchmarks',
    navLabel: 'Benchmarks',
    description: 'How the local authority compares with every local authority in England, its region and its statistical neighbours, on the published DfE figures.',
    filters: ['period'],
    role: 'viewer',
  },
  {
    id: 'compare',
    path: '/compare',
    title: 'Compare areas',
    navLabel: 'Compare areas',
    description: 'Published figures for any local authorities side by side with this one, England and the region.',
    filters: ['period'],
    role: 'viewer',
    section: 'compare',
  },
  {
    id: 'overview-grid',
    path: '/overview-grid',
    title: 'All indicators at a glance',
    navLabel: 'All indicators',
    description: 'Every indicator for the local authority and each locality, marked by how it compares.',
    filters: ['period', 'compare'],
    role: 'viewer',
    section: 'compare',
  },
  {
    id: 'search',
    path: '/search',
    title: 'Find an indicator',
    navLabel: 'Find an indicator',
    description: 'Search every indicator by its name, what it measures or another word for it.',
    filters: [],
    role: 'viewer',
    section: 'compare',
  },
  {
    id: 'data-quality',
    path: '/data-quality',
    title: 'Data quality',
    navLabel: 'Data quality',
    description: 'Which extract is loaded, how many rows each file had, and why rows were rejected.',
    filters: [],
    role: 'viewer',
  },
  {
    id: 'glossary',
    path: '/glossary',
    title: 'Glossary: what the words and symbols mean',
    navLabel: 'Glossary',
    description: 'Plain-English definitions of the terms, abbreviations and symbols used on this dashboard and in the board pack.',
    filters: [],
    role: 'viewer',
  },
  {
    id: 'export',
    path: '/export',
    title: 'Export',
    navLabel: 'Export',
    description: 'Download the figures behind this dashboard.',
    filters: ['area', 'period'],
    role: 'analyst',
  },
  {
    id: 'board-pack',
    path: '/board-pack',
    title: 'Health and Wellbeing Board pack',
    navLabel: 'Board pack',
    description: 'The headline figures for children and young people aged 0 to 25 with SEND, in plain English, with trends, comparisons and a statement on the data: ready to print or save as a PDF.',
    filters: ['area', 'period'],
    role: 'viewer',
    // Linked from the Overview and the Export page: the menu is full at desktop widths.
    nav: false,
  },
  {
    id: 'upload',
    path: '/admin/upload',
    title: 'Upload an extract',
    navLabel: 'Upload',
    description: 'Load a new extract into the dashboard from a zip of its files: every file is checked, and the validation report shows what was loaded and what was rejected.',
    filters: [],
    role: 'admin',
    section: 'admin',
  },
  {
    id: 'users',
    path: '/admin/users',
    title: 'Users',
    navLabel: 'Users',
    description: 'Who can sign in to the dashboard and what each person can see: add people, change their role or remove them.',
    filters: [],
    role: 'admin',
    section: 'admin',
  },
];

export const pageByPath = (path: string): PageDef | undefined => pages.find((p) => p.path === path);
