import type { Code } from '../../contract/vocabularies.ts';
import { FEEDBACK_PER_PLAN, HEALTH_CATEGORIES, OFFER, SERVICES_PER_PLAN, type Category } from './assumptions.ts';
import { day, daysInMonth, iso } from './dates.ts';
import { CATEGORIES, type Demand, type Ids } from './emit-child.ts';
import type { FaultInjector } from './faults.ts';
import { splitInteger } from './localities.ts';
import type { LaContext } from './model.ts';
import { Categorical, Rng } from './rng.ts';

// The Local Offer directory, sized against the provision in active plans so that some
// categories are short (SALT, CAMHS, OT) and some have nothing for 19-25s, and feedback
// on it with ratings and template comments whose tone follows the rating.

const LABEL: Record<Category, string> = {
  SALT: 'Speech and Language Therapy', OT: 'Occupational Therapy', PHYSIO: 'Physiotherapy',
  CAMHS: 'Child and Adolescent Mental Health', COMMUNITY_NURSING: "Children's Community Nursing",
  CONTINENCE: 'Continence Advisory', EQUIPMENT: 'Specialist Equipment', PALLIATIVE_CARE: 'Palliative Care',
  SHORT_BREAKS: 'Short Breaks', PERSONAL_CARE: 'Personal Care Support', SENSORY_SUPPORT: 'Sensory Support',
  EDUCATIONAL_PSYCHOLOGY: 'Educational Psychology', SPECIALIST_TEACHING: 'Specialist Teaching',
  TEACHING_ASSISTANT: 'Inclusion Support', TRANSPORT: 'SEND Travel', OTHER: 'Family Support',
};
const SUFFIX = ['Service', 'Team', 'Clinic', 'Hub', 'Programme', 'Project'];
const PROVIDERS = {
  health: ['Community Children\'s Health Trust', 'Children\'s Therapy Partnership', 'Child and Family Wellbeing Service', 'Integrated Children\'s Health Alliance'],
  council: ['Council SEND Service', 'Council Children\'s Services', 'Council Inclusion Team'],
  voluntary: ['Brightside Families CIC', 'Open Doors Disability Trust', 'Stepping Stones Charity', 'Rainbow Play Network', 'Together Parents Forum'],
};

export interface Service {
  id: string;
  category: Category;
  from: number;
  to: number | null;
}

export function writeServices(ctx: LaContext, demand: Demand, activePlans: number, ids: Ids, out: FaultInjector): Service[] {
  const rng = Rng.of(ctx.seed, ctx.laCode, 'local-offer');
  const total = Math.max(CATEGORIES.length + 4, Math.round(SERVICES_PER_PLAN * activePlans));
  const counts = splitInteger(total - CATEGORIES.length, CATEGORIES.map((c) => OFFER[c].weight)).map((n) => n + 1);
  const place = ctx.la.name;
  const services: Service[] = [];
  CATEGORIES.forEach((category, c) => {
    const o = OFFER[category];
    const n = counts[c] ?? 1;
    // Capacity against demand, with some slack for categories few plans need.
    const capacity = Math.max(n * 5, Math.round((demand[c] ?? 0) * o.capacity));
    const shares = Array.from({ length: n }, () => 0.4 + rng.next());
    const places = splitInteger(capacity, shares);
    for (let i = 0; i < n; i++) {
      const local = o.local && n > 1 && rng.chance(0.6);
      const locality = local ? rng.int(ctx.localities.length) : null;
      const health = HEALTH_CATEGORIES.includes(category);
      const voluntary = !health && rng.chance(0.35);
      const provider = health ? `${place} ${rng.pick(PROVIDERS.health)}` : voluntary ? rng.pick(PROVIDERS.voluntary) : `${place} ${rng.pick(PROVIDERS.council)}`;
      const commissioner = health ? ctx.icbCode : voluntary && rng.chance(0.3) ? null : ctx.laCode;
      let [ageMin, ageMax] = o.ages;
      // Short breaks: one transition service reaches young adults; the rest stop at 17.
      if (category === 'SHORT_BREAKS' && i === n - 1) [ageMin, ageMax] = [16, 25];
      else if (rng.chance(0.3) && ageMax - ageMin > 8) ageMin += rng.range(1, 4);
      const from = day(rng.range(2010, 2023), rng.range(1, 12), 1);
      const closes = rng.chance(0.06) ? rng.range(from + 365, ctx.extractDate) : null;
      const to = closes !== null && closes > from ? closes : null;
      const name = `${locality === null ? place : (ctx.localities[locality]?.name ?? place)} ${LABEL[category]} ${rng.pick(SUFFIX)}`;
      const service: Service = { id: ids.service.next(), category, from, to };
      services.push(service);
      out.emit('local_offer_services', {
        service_id: service.id,
        name,
        category,
        provider,
        commissioner,
        age_min: ageMin,
        age_max: ageMax,
        locality: locality === null ? null : ctx.localities[locality]?.name,
        places_per_year: places[i] ?? 0,
        typical_wait_weeks: Math.max(0.5, Math.round(o.wait * (0.6 + rng.next() * 0.8) * 2) / 2),
        active_from: iso(from),
        active_to: to === null ? null : iso(to),
        // Whose Local Offer: a national extract holds every LA's.
        la_code: ctx.laCode,
      });
    }
  });
  return services;
}

// --- feedback --------------------------------------------------------------------------

type Theme = 'waiting' | 'communication' | 'eligibility' | 'information' | 'staff' | 'transport' | 'transitions' | 'other';
type Tone = 'positive' | 'negative' | 'mixed';

const TEMPLATES: Record<Theme, Record<Tone, string[]>> = {
  waiting: {
    negative: [
      'We have been waiting {months} months for {service} and nobody can tell us when it will start.',
      'The wait for {service} is far too long. My child has gone without support for most of the school year.',
      'Still on the waiting list for {service} after {months} months. The plan says it should be in place.',
    ],
    positive: [
      'We were seen by {service} much quicker than we expected, within a few weeks.',
      'Really pleased that {service} started soon after the plan was agreed.',
    ],
    mixed: [
      'Once {service} started it was good, but the wait of {months} months was hard.',
      'The waiting time for {service} has improved but is still long for some families.',
    ],
  },
  communication: {
    negative: [
      'Emails and calls to the team go unanswered for weeks. Nobody explains what is happening.',
      'We only found out the sessions had stopped when school told us. Communication is poor.',
    ],
    positive: [
      'The team kept us informed at every step and always replied quickly.',
      'Clear communication from start to finish, we always knew what was happening next.',
    ],
    mixed: [
      'Communication is fine once you get through, but it can take a while to reach anyone.',
      'Some staff are great at keeping in touch, others less so.',
    ],
  },
  eligibility: {
    negative: [
      'We were told my daughter does not meet the threshold for {service} even though her needs are obvious.',
      'The eligibility criteria for {service} seem designed to keep families out.',
    ],
    positive: [
      'The criteria were explained clearly and we were helped to apply.',
      'It was easy to understand who the service is for and how to be referred.',
    ],
    mixed: [
      'We got support in the end but had to push hard to be accepted.',
      'The thresholds are confusing but staff helped us work through them.',
    ],
  },
  information: {
    negative: [
      'The Local Offer website is out of date and hard to search. Several services listed no longer exist.',
      'Could not find anything on the Local Offer about support for young people over 18.',
    ],
    positive: [
      'The Local Offer pages helped me find a short breaks group near us.',
      'Useful information, well organised and easy to search.',
    ],
    mixed: [
      'The Local Offer has lots of information but it is hard to tell what is current.',
      'Some useful pages, but the search does not find what you need.',
    ],
  },
  staff: {
    negative: [
      'Staff turnover means we have had four different workers this year and have to repeat our story each time.',
      'The staff did not seem to understand autism and my son came home distressed.',
    ],
    positive: [
      'The staff at {service} are kind, patient and really understand my child.',
      'Fantastic therapist, my son looks forward to every session.',
    ],
    mixed: [
      'The staff are lovely but there are not enough of them.',
      'Good staff, but sessions are often cancelled at short notice.',
    ],
  },
  transport: {
    negative: [
      'The taxi to school is often late and the driver changes every week, which upsets my child.',
      'Transport was withdrawn with no notice and we had to give up work to do the school run.',
    ],
    positive: [
      'Travel training gave my son the confidence to get the bus to college on his own.',
      'The transport team sorted out a new route quickly when we moved.',
    ],
    mixed: [
      'Transport works most days but nobody tells us when there are changes.',
      'The escort is great, the journey is too long.',
    ],
  },
  transitions: {
    negative: [
      'Everything stopped when my son turned 18. There is nothing for young adults in our area.',
      'The move from children to adult services has been a nightmare, no one takes responsibility.',
    ],
    positive: [
      'Good planning for the move to college, the transition worker was excellent.',
      'The preparing for adulthood review helped us plan for life after school.',
    ],
    mixed: [
      'Transition planning started late but the college has been supportive.',
      'Some help preparing for adulthood, but adult services are hard to access.',
    ],
  },
  other: {
    negative: [
      'Overall a disappointing experience, we felt we had to fight for everything.',
      'Too many forms and too little support.',
    ],
    positive: [
      'Thank you, this service has made a real difference to our family.',
      'A lifeline for us. Please keep it going.',
    ],
    mixed: [
      'Some good bits and some not so good.',
      'It is okay, but could be better organised.',
    ],
  },
};
const THEMES = Object.keys(TEMPLATES) as Theme[];

function themeWeights(category: Category | null, rating: number, short: boolean): number[] {
  return THEMES.map((t) => {
    switch (t) {
      case 'waiting': return category && short ? (rating <= 2 ? 6 : 3) : category ? 1.2 : 0.2;
      case 'communication': return 2;
      case 'eligibility': return rating <= 3 ? 1.5 : 0.6;
      case 'information': return category ? 0.5 : 5;
      case 'staff': return category ? 2 : 0.3;
      case 'transport': return category === 'TRANSPORT' ? 8 : 0.3;
      case 'transitions': return category ? 0.8 : 1.5;
      default: return 1;
    }
  });
}

export function writeFeedback(ctx: LaContext, services: Service[], stocks: number[], ids: Ids, out: FaultInjector): void {
  const rng = Rng.of(ctx.seed, ctx.laCode, 'feedback');
  const short = (c: Category) => OFFER[c].capacity < 0.8;
  const respondents: [Code<'respondent'>, number][] = [['PARENT_CARER', 0.7], ['YOUNG_PERSON', 0.1], ['PROFESSIONAL', 0.15], ['OTHER', 0.05]];
  const respondent = new Categorical(respondents.map(([, w]) => w));
  const perCategory = new Map<Category, number>();
  for (const s of services) perCategory.set(s.category, (perCategory.get(s.category) ?? 0) + 1);
  // Feedback by category in proportion to its weight, spread over its services.
  const serviceWeight = new Categorical(services.map((s) => OFFER[s.category].weight / (perCategory.get(s.category) ?? 1)));

  ctx.years.forEach((year, k) => {
    const n = Math.round(FEEDBACK_PER_PLAN * (stocks[k + 1] ?? stocks[k] ?? 0));
    const dates: number[] = [];
    for (let i = 0; i < n; i++) {
      const m = rng.range(1, 12);
      dates.push(day(year, m, 1) + rng.int(daysInMonth(year, m)));
    }
    dates.sort((a, b) => a - b);
    for (const received of dates) {
      let service: Service | null = null;
      let category: Category | null = null;
      const u = rng.next();
      if (u < 0.7) {
        for (let tries = 0; tries < 5 && !service; tries++) {
          const s = services[serviceWeight.sample(rng)];
          if (s && s.from <= received && (s.to === null || s.to >= received)) service = s;
        }
        category = service?.category ?? null;
      } else if (u < 0.85) {
        category = rng.pick(CATEGORIES);
      }
      // Ratings: worse where capacity is short, middling for the Local Offer in general.
      const mean = category === null ? 3.1 : short(category) ? 2.5 : 3.7;
      const rating = Math.min(5, Math.max(1, Math.round(mean + 1.1 * rng.normal())));
      const tone: Tone = rating >= 4 ? 'positive' : rating <= 2 ? 'negative' : 'mixed';
      let comment: string | null = null;
      if (rng.chance(0.88)) {
        const theme = THEMES[rng.weighted(themeWeights(category, rating, category !== null && short(category)))] ?? 'other';
        comment = rng.pick(TEMPLATES[theme][tone])
          .replaceAll('{service}', category ? `the ${LABEL[category].toLowerCase()} service` : 'the service')
          .replaceAll('{months}', String(rng.range(4, 18)));
      }
      const r = rng.next();
      const response: Code<'feedback_response'> = rating <= 2
        ? (r < 0.3 ? 'NONE' : r < 0.85 ? 'RESPONDED' : 'SERVICE_CHANGED')
        : (r < 0.6 ? 'NONE' : r < 0.97 ? 'RESPONDED' : 'SERVICE_CHANGED');
      out.emit('local_offer_feedback', {
        feedback_id: ids.feedback.next(),
        received_date: iso(received),
        service_id: service?.id ?? null,
        category,
        respondent: respondents[respondent.sample(rng)]?.[0] ?? 'PARENT_CARER',
        rating,
        comment,
        response,
        la_code: ctx.laCode,
      });
    }
  });
}
