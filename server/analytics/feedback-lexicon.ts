import type { ThemeId } from '../../contract/vocabularies.ts';

// The lexicon behind the Local Offer feedback themes (GET /api/feedback/themes).
//
// Each theme lists phrases; a comment carries the theme when one of its phrases occurs in it
// (outside an exclusion and outside a "no problems with ..." denial: see feedback-classifier.ts).
// A comment that carries none of them is "other". Matching is on whole words, case-insensitive,
// within one clause (clauses end at . ! ? ; : , brackets, dashes, and at "but", "although",
// "though", "however", "whereas", "except").
//
// Phrase syntax, one slot per space-separated item:
//   word        that word exactly              wait*    any word starting with "wait"
//   a|b|c*      any of the alternatives        #        a number: 18, 2, two, a, few, several ...
//   word?       the slot may be left out       ~        up to three words of any kind
// Apostrophes are kept inside words ("didn't", "children's"); other punctuation splits words,
// so "post-16" is "post 16" and "e-mail" is "e mail".
//
// Evaluated against the hand-labelled sample in test/fixtures/feedback-sample (see its README):
// change a phrase, run test/analytics/feedback-agreement.test.ts, and look at what moved.

export type MatchedThemeId = Exclude<ThemeId, 'other'>;

export interface ThemeLexicon {
  label: string;
  /** What the theme covers, in plain words (returned by the API). */
  description: string;
  phrases: readonly string[];
  /** A phrase match that overlaps one of these is ignored ("can't wait", "speech delay"). */
  exclude?: readonly string[];
}

export const lexicon: Record<MatchedThemeId, ThemeLexicon> = {
  waiting: {
    label: 'Waiting times',
    description: 'Time to get a service, assessment, appointment, equipment, decision or plan: waiting lists, delays, timescales, being seen quickly.',
    phrases: [
      // The words themselves: "still waiting", "on the waiting list", "the wait for OT".
      'waiting', 'waited', 'wait', 'long waits',
      'delay*', 'backlog*', 'queue*', 'overdue',
      'timescale*', 'time scale*', 'timeframe*', '20 week*',
      'on the|a|their list',
      'still no date', 'no start date', 'months and counting',
      // Durations: "took nearly a year", "18 months for OT", "9 months to get an appointment".
      'took|takes|taking|taken|take ~ # day|days|week|weeks|month|months|year|years',
      'took|takes|taking|taken ages', 'for ages',
      '# week|weeks|month|months|year|years for|until|before|later',
      '# week|weeks|month|months|year|years to get|be|see|hear',
      '# week|weeks|month|months|year|years just for',
      'over|nearly|almost a year', 'more than a year',
      'within # #? day|days|week|weeks',
      // Not seen yet, or seen quickly.
      "not|hasn't|haven't|hadn't|never|yet been? seen|assessed|allocated|issued|started",
      "still hasn't|haven't",
      'seen|started|assessed quickly|quicker|promptly|soon|fast',
      'seen|started straight away',
      'quick|quicker|quickly to get|be|start|see|sort',
      'slow to start|get|be|see|assess|issue|arrive|come|happen|process|sort',
    ],
    exclude: [
      // Eagerness, rooms and phrases that are not about time to a service.
      "can't|cannot|couldn't wait", 'can not wait', 'wait and see', 'waiting room*', 'waiting area*',
      // Developmental delay is a need, not a wait.
      'developmental|speech|language|global|motor|communication delay*', 'delayed speech|development|language|milestones',
      // "moved over a year ago" dates an event; it is not a wait.
      'a|# year|years|month|months|week|weeks ago',
    ],
  },

  communication: {
    label: 'Communication',
    description: 'Replies to calls and emails, being kept informed or told about changes, explanations, being listened to, services talking to each other, a point of contact.',
    phrases: [
      'communicat*',
      // Contact that does or does not come back.
      'call|calls|called|ring|rings|rang|phone|phoned|email|emailed|emails|hear|heard|hearing|write|wrote|writes us|me|you|him|her? back', 'get|got|getting|gets back to',
      'voicemail*', 'answerphone', 'unanswered', 'rings|ring out', 'answer* the|my|our|his|her|any phone|phones|calls|emails|email|messages|questions',
      "get|getting|got through to|on", "can't|cannot|couldn't get through", 'get|got hold of', 'reach anyone|someone|anybody',
      'reply', 'replies', 'replied', 'replying', 'respond*', 'response', 'responses', 'responsive', 'unresponsive',
      'email*', 'e mail*', 'phone', 'phoned', 'phones', 'telephone', 'phone call*', 'calls', 'messag*',
      'chas*', 'follow* up',
      // Being kept in the picture.
      'kept|keep|keeping|keeps us|me|parents|families|everyone? informed|updated|posted',
      'kept|keep|keeping|keeps us|me? up to date', 'in the loop', 'in touch', 'informed',
      'updates', 'no|an|any|regular update',
      'explain*', 'explanation*', "nobody|no|never|without|didn't|not|wasn't|weren't ~ told|tell|telling|warned|warning|notice",
      'let us|me|parents|families know',
      // Being heard, and services talking to each other.
      'listen*', 'felt|feel|feeling heard', 'heard nothing', 'hear nothing', 'heard|hear from',
      'speak*|spoke|spoken|talk|talks|talked|talking to|with me|us|parents', 'speak*|spoke|spoken|talk|talks|talked|talking to|with each|one other|another',
      'joined up', 'pillar to post', 'passed between|around|from', 'handover',
      'point of contact', 'no|any|little|lost|regular|lack contact', 'lack of contact',
    ],
    exclude: [
      // Speech, language and communication needs are a need, not how services communicate.
      'communication need*|difficult*|skill*|aid|aids|support|disorder*|book*|device*|method*|passport*',
      'communication and interaction|language',
      'social communication', 'speech language and communication', 'alternative communication',
      'contact details', 'phone number*',
      // "informed" in "informed choice" is not being kept informed.
      'informed choice*|decision*',
    ],
  },

  eligibility: {
    label: 'Eligibility and thresholds',
    description: 'Thresholds and criteria, referrals or assessments refused or turned down, not qualifying, age limits on who a service will see.',
    phrases: [
      'eligib*', 'ineligib*', 'threshold*', 'criteria', 'criterion', 'qualify', 'qualifies', 'entitle*',
      'severe|complex|bad|disabled|autistic|serious|needy|ill enough',
      'too young|old|mild|able for|to',
      'refused to assess|issue|fund|accept|refer|agree|give|provide|support',
      'was|were|been|got|being|is|are refused', 'refusal*', 'refused an|a? assessment|referral|ehcp|ehc|support|funding|application|request',
      'rejected', 'turned down', 'turned away', 'declined', 'not accepted',
      "doesn't|does|didn't|did|don't|do|won't|will|wouldn't not? meet", 'no longer eligible|qualif*|entitled|meet*',
      'age limit*', 'age range*', 'only see|sees|take|takes|accept|accepts|for ~ under|over|aged',
      'without a diagnosis', 'no diagnosis', "doesn't|does|don't|didn't not? have a diagnosis", 'diagnosis first|required|needed', 'need|needs|needed a diagnosis',
      'sen support', 'panel', 'gatekeep*', 'appeal', 'appealed', 'tribunal*',
    ],
    exclude: ['qualified staff|therapist*|teacher*|nurse*|people'],
  },

  information: {
    label: 'Information on the Local Offer',
    description: 'The Local Offer website or directory, finding out what exists, out-of-date or missing listings, signposting, guides, other languages.',
    phrases: [
      'local offer', 'website*', 'web site*', 'web page*', 'webpage*', 'online', 'the|this|their|your|council site',
      'links', 'broken|dead link*', 'directory', 'directories', 'listed', 'listing*', 'lists',
      'list of services|names|clubs|groups|providers|activities',
      'information', 'info', 'out of date', 'outdated', 'up to date',
      'signpost*', 'leaflet*', 'booklet*', 'brochure*', 'guide', 'guides', 'newsletter*', 'factsheet*', 'fact sheet*',
      'search*', 'filter', 'filters',
      "hard|difficult|easy|easier|impossible|struggle|struggled to find", "couldn't|can't|cannot|unable to? find",
      'where to find|go|look|start', 'find|found|finding out? about', 'find out what', 'find anything|things|information|info',
      "didn't|don't|never know about|what|that|there|where|it",
      'existed', 'exists', 'advertis*', 'publicis*', 'publish*',
      'other|different|community languages', 'translat*', 'easy read', 'accessible format*',
      "what's available|on", 'what is available|on', 'what help|support|services|activities|clubs is|are available|out',
      'contact details', 'address', 'phone number*', 'opening times|hours',
    ],
    exclude: [
      // Professionals sharing information with each other is communication, not the Local Offer.
      'share|shares|sharing|shared|repeat|repeating|duplicate|duplicates|duplicating ~ information|info',
      'information sharing|already',
      'kept|keep|keeping|keeps us|me? up to date',
      // "search" for a school place is not the directory.
      'search* for a? school|place|placement',
    ],
  },

  staff: {
    label: 'Staff',
    description: 'The people delivering the service: their skill, manner, training, numbers and turnover.',
    phrases: [
      'staff*', 'worker*', 'caseworker*', 'case worker*', 'keyworker*',
      'therapist*', 'physio', 'physios', 'physiotherapist*', 'nurse', 'nurses', 'teacher*', 'teaching assistant*',
      'senco*', 'psychologist*', 'paediatrician*', 'pediatrician*', 'doctor*', 'consultant*', 'clinician*', 'practitioner*',
      'portage', 'mentor*', 'job coach*', 'officer*', 'receptionist*', 'admin',
      // Transport escorts and drivers are staff too (their manner, changes of driver).
      'escort*', 'driver*', 'passenger assistant*',
      'our|his|her|my|new ot|slt|ep|ta',
      'turnover', 'shortage*', 'trained', 'untrained', 'training',
      'understand* autism|adhd|asd|his|her|their|my|him',
    ],
    exclude: [
      'travel train*', 'toilet train*', 'staff room',
      // A professional being waited for or referred to is the service, not its staff.
      'appointment*|referral*|referred|wait*|list|assessment* ~ worker*|paediatrician*|pediatrician*|psychologist*|doctor*|consultant*|therapist*|physio|clinician*|nurse',
    ],
  },

  transport: {
    label: 'Transport',
    description: 'Home to school or college transport, taxis, buses and passes, escorts and drivers, travel training, journeys.',
    phrases: [
      'transport*', 'taxi*', 'cab', 'cabs', 'minibus*', 'mini bus*', 'bus', 'buses', 'coach', 'coaches',
      'bus|travel pass*', 'travel*', 'escort*', 'passenger assistant*', 'driver*',
      'pick up|ups', 'pickup*', 'drop off|offs', 'school run*', 'route', 'routes', 'journey*',
      'drive|drives|driving|drove him|her|them|us|my', 'mileage', 'contractor*', 'vehicle*', 'seat belt*', 'harness*',
    ],
    exclude: [
      'pick up the phone', 'job coach*', 'route to|into diagnosis|assessment|support',
      'our|my|his|her|their|this|send|whole|emotional|long journey',
    ],
  },

  transitions: {
    label: 'Transitions',
    description: "Moves between phases: starting school, primary to secondary, to college or sixth form, turning 16, 18 or 19, children's to adult services, preparing for adulthood.",
    phrases: [
      'transition*', 'preparing for adulthood', 'adulthood', 'pfa', 'care act',
      'adult services|service|social|team|teams|care|mental|health|provision|learning|disability|disabilities|camhs|side|world|life',
      'adults services|team|teams', 'young adult*',
      'turn|turns|turned|turning|reach|reaches|reached 16|17|18|19|25',
      'at|after|over|past|beyond|post|till|until 16|17|18|19|25|16s|18s|19s|25s',
      'leave|leaves|leaving|left school|college', 'life after school|college', 'school leaver*',
      'move|moves|moving|moved|transfer|transferred|going|go|went|progress*|start|starts|starting|started up|on? to|into|onto college|secondary|sixth|6th|university|uni|adult|adults|juniors|junior|reception|nursery|high|big',
      'start|starts|starting|started school|college|secondary|reception|nursery|sixth|6th',
      'primary|nursery|infant|infants|junior|juniors to secondary|primary|junior|juniors|school|high',
      'year|yr 9|11|13|14', 'sixth form', '6th form', 'supported internship*', 'internship*', 'apprenticeship*',
      'further education', 'university',
    ],
    exclude: [
      // Autistic children's "transitions" between activities are not life-stage transitions.
      'transition* between|during activities|lessons|tasks|rooms|the day',
      // "over 18 months" is a wait, not an age.
      '16|17|18|19|25 week|weeks|month|months|day|days|hour|hours|minute|minutes|mins|miles',
    ],
  },
};

/**
 * Denials: a theme phrase is ignored when the same clause says there was no problem with it,
 * before ("no problems with transport", "never had any issues with the staff") or after
 * ("transport has not been an issue"). A negation word followed within three words by one of
 * the problem words makes a denial; it covers phrases starting up to six words after the
 * problem word, or ending up to five words before the negation word. Negations that are the
 * complaint itself ("nobody rings back", "not eligible", "no information") are not denials.
 */
export const negationWords: readonly string[] = ['no', 'not', 'never', 'without', 'nothing', 'none', 'zero', 'hardly', 'cannot'];
/** Any word ending in n't ("didn't", "haven't") is a negation word too. */
export const negationSuffix = "n't";
export const problemWords: readonly string[] = [
  'problem', 'problems', 'issue', 'issues', 'complaint', 'complaints', 'complain', 'concern', 'concerns',
  'trouble', 'troubles', 'worry', 'worries', 'wrong', 'hassle', 'bother',
];
/** Words that end a clause for matching and for denials. */
export const clauseBreakWords: readonly string[] = ['but', 'although', 'though', 'however', 'whereas', 'except'];
/** Number words accepted by the `#` slot. */
export const numberWords: readonly string[] = [
  'a', 'an', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'fifteen', 'eighteen', 'twenty', 'thirty', 'forty', 'fifty', 'few', 'several', 'couple', 'many',
];
