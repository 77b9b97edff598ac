/**
 * The glossary: every term, abbreviation and symbol the dashboard uses, in plain English for Health and Wellbeing
 * Board members. Each term has a stable id, the anchor of its entry on /glossary (`/glossary#ci`), which pages link
 * to wherever the term or symbol appears.
 */
export interface GlossaryTerm {
  id: string;
  term: string;
  /** Other names or abbreviations of the term, shown after it. */
  also?: string;
  definition: string;
}

export const glossaryTerms = [
  { id: 'send', term: 'SEND', also: 'special educational needs and disabilities', definition: 'A child or young person has special educational needs if they have a learning difficulty or disability that calls for special educational provision. The dashboard covers children and young people aged 0 to 25.' },
  { id: 'ehc-plan', term: 'EHC plan', also: 'education, health and care plan', definition: 'A legal document for a child or young person aged 0 to 25 who needs more support than their school or college can usually give. It sets out their needs and the education, health and social care support they must get. The local authority must review it at least once a year.' },
  { id: 'ehc-needs-assessment', term: 'EHC needs assessment', definition: 'The assessment a local authority carries out, when asked by a parent, young person or school, to decide whether a child needs an EHC plan. The law sets 20 weeks from the request to the final plan.' },
  { id: 'annual-review', term: 'Annual review', definition: 'The review of an EHC plan that the local authority must hold at least every 12 months to check the plan still meets the child’s needs.' },
  { id: 'primary-need', term: 'Primary need', definition: 'The main type of special educational need recorded for a child, using the Department for Education’s categories, such as autistic spectrum disorder or speech, language and communication needs.' },
  { id: 'cna', term: 'CNA', also: 'child needs assessment', definition: 'An assessment by children’s social care of a child in need and their family (Children Act 1989, section 17). Many disabled children have one alongside, or instead of, an EHC plan.' },
  { id: 'personal-budget', term: 'Personal budget', definition: 'An amount of money set aside for some of the support in an EHC plan, which the family or young person can help decide how to spend. It can be paid directly to them (a direct payment) or managed for them. A personal health budget is the NHS equivalent for health care.' },
  { id: 'local-offer', term: 'Local Offer', definition: 'The local authority’s published information about the services, support and places available locally for children and young people with SEND and their families. Families can give feedback on it.' },
  { id: 'you-said-we-did', term: 'You said, we did', definition: 'The local authority’s published response to feedback: what changed because of what families said.' },
  { id: 'la', term: 'LA', also: 'local authority', definition: 'The council responsible for education and children’s services in an area, such as Leeds City Council. It assesses children, issues EHC plans and commissions education and social care.' },
  { id: 'icb', term: 'ICB', also: 'integrated care board', definition: 'The NHS body that plans and pays for health services in an area, such as NHS West Yorkshire Integrated Care Board. It commissions the health part of EHC plans, such as therapies.' },
  { id: 'commissioner', term: 'Commissioner', definition: 'The body that plans and pays for a service: for SEND provision, the local authority (education and social care) or the integrated care board (health).' },
  { id: 'locality', term: 'Locality', definition: 'A part of the local authority’s area used for planning services, such as its north, south, east and west.' },
  { id: 'jsna', term: 'JSNA', also: 'Joint Strategic Needs Assessment', definition: 'The assessment of the current and future health and care needs of the local population, which the local authority and integrated care board prepare together for the Health and Wellbeing Board.' },
  { id: 'statistical-neighbours', term: 'Statistical neighbours', definition: 'The 10 local authorities most like this one in their population and circumstances, chosen by the Department for Education. Comparing with them is fairer than comparing with England as a whole.' },
  { id: 'ci', term: 'Confidence interval', also: '95% confidence interval', definition: 'The range in which the true figure probably lies. Figures based on small numbers of children vary by chance from year to year. A 95% confidence interval of 20 to 30 means we can be 95% sure the true figure is between 20 and 30. The narrower the range, the more precise the figure.' },
  { id: 'significance', term: 'Significantly better, worse, higher or lower', also: 'similar', definition: 'We say a figure is better or worse (or higher or lower) than England, the region or the neighbours only when the difference is larger than chance alone would explain: when the comparison figure lies outside our 95% confidence interval. Otherwise we say it is similar, even if the numbers differ.' },
  { id: 'rate-per-1000', term: 'Rate per 1,000', definition: 'How many children out of every 1,000 in the population of the same age. Rates let areas of different sizes be compared.' },
  { id: 'median', term: 'Median and quartiles', definition: 'The median is the middle value when all values are put in order: half are below it and half above. The quartiles mark the middle half: a quarter of values are below the lower quartile and a quarter above the upper quartile.' },
  { id: 'projection', term: 'Projection', also: 'forecast', definition: 'An estimate of future figures if recent patterns carry on. It is not a target or a prediction of what will happen if things change.' },
  { id: 'part-year', term: 'Part-year', definition: 'A period the data do not fully cover, such as the current year to date. Figures for a part-year are not comparable with whole years, so they are not shown as if they were.' },
  { id: 'symbol-c', term: 'c', also: 'confidential', definition: 'The figure is suppressed to protect privacy: it is based on so few children (from 1 to 7) that someone might be identified, or it would let a suppressed figure be worked out. This is the Department for Education’s symbol.' },
  { id: 'symbol-x', term: 'x', also: 'not available', definition: 'The figure cannot be calculated, for example because there were no children to count it from.' },
  { id: 'rounded', term: 'Rounded', also: 'rounded to the nearest 5', definition: 'To protect privacy, a few local authority figures are published with their counts rounded to the nearest 5 instead of being withheld: figures where nearly every child is counted, so that the few who are not could otherwise be worked out. The percentage or rate and its confidence interval are then worked out from the rounded counts, so they can differ a little from the exact figure. These figures are marked “(rounded)” beside them, and downloads have a column that says which rows are rounded.' },
  { id: 'symbol-z', term: 'z', also: 'not applicable', definition: 'The figure does not apply to this row, so there is nothing to show.' },
  { id: 'synthetic', term: 'Synthetic data', definition: 'Made-up records generated by a computer to look like real ones, used to demonstrate and test the dashboard. Figures from synthetic data are not about real children.' },
] as const satisfies readonly GlossaryTerm[];

export type GlossaryId = (typeof glossaryTerms)[number]['id'];

/** The address of a term's entry on the glossary page. */
export const glossaryHref = (id: GlossaryId): string => `/glossary#${id}`;
