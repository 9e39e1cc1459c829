/**
 * Names for synthetic people in England and Wales. Frequencies are rough (thousands of bearers,
 * after ONS surname counts); they only need the right shape: a few very common names and a long tail.
 */

/** The most common surnames with approximate thousands of bearers. */
// prettier-ignore
const COMMON_SURNAMES: readonly (readonly [string, number])[] = [
  ['Smith', 652], ['Jones', 494], ['Williams', 420], ['Taylor', 372], ['Brown', 274], ['Davies', 256],
  ['Evans', 236], ['Wilson', 222], ['Thomas', 202], ['Johnson', 200], ['Roberts', 190], ['Robinson', 172],
  ['Thompson', 170], ['Wright', 167], ['Walker', 156], ['White', 152], ['Edwards', 151], ['Hughes', 145],
  ['Green', 143], ['Hall', 142], ['Lewis', 139], ['Harris', 137], ['Clarke', 137], ['Patel', 134],
  ['Jackson', 127], ['Wood', 126], ['Turner', 123], ['Martin', 122], ['Cooper', 120], ['Hill', 119],
  ['Ward', 118], ['Morris', 116], ['Moore', 114], ['Clark', 113], ['Lee', 112], ['King', 111],
  ['Baker', 108], ['Harrison', 104], ['Morgan', 104], ['Allen', 101], ['James', 100], ['Scott', 97],
  ['Phillips', 96], ['Watson', 95], ['Davis', 94], ['Parker', 92], ['Price', 91], ['Bennett', 90],
  ['Young', 89], ['Griffiths', 89], ['Mitchell', 87], ['Kelly', 86], ['Cook', 86], ['Carter', 86],
  ['Richardson', 85], ['Bailey', 84], ['Collins', 83], ['Bell', 83], ['Shaw', 82], ['Murphy', 81],
  ['Miller', 80], ['Cox', 79], ['Richards', 79], ['Khan', 79], ['Marshall', 78], ['Anderson', 77],
  ['Simpson', 76], ['Ellis', 75], ['Adams', 75], ['Singh', 74], ['Begum', 74], ['Wilkinson', 73],
  ['Foster', 72], ['Chapman', 71], ['Powell', 71], ['Webb', 70], ['Rogers', 70], ['Gray', 69], ['Mason', 69],
  ['Ali', 68], ['Hunt', 68], ['Hussain', 68], ['Campbell', 67], ['Matthews', 67], ['Owen', 66],
  ['Palmer', 66], ['Holmes', 65], ['Mills', 64], ['Barnes', 64], ['Knight', 63], ['Lloyd', 63],
  ['Butler', 62], ['Russell', 62], ['Barker', 61], ['Fisher', 61], ['Stevens', 60], ['Jenkins', 60],
  ['Murray', 60], ['Dixon', 59], ['Harvey', 59],
];

/** Ranks 101 to about 300, most common first; weights follow Zipf's law from rank 101. */
// prettier-ignore
const LESS_COMMON_SURNAMES: readonly string[] = [
  'Graham', 'Pearson', 'Ahmed', 'Fletcher', 'Walsh', 'Kaur', 'Gibson', 'Howard', 'Andrews', 'Stewart',
  'Elliott', 'Reynolds', 'Saunders', 'Payne', 'Fox', 'Ford', 'Pearce', 'Day', 'Brooks', 'West', 'Lawrence',
  'Cole', 'Atkinson', 'Bradley', 'Spencer', 'Gill', 'Dawson', 'Ball', 'Burton', "O'Brien", 'Watts', 'Rose',
  'Booth', 'Perry', 'Ryan', 'Grant', 'Wells', 'Armstrong', 'Francis', 'Rees', 'Hayes', 'Hart', 'Hudson',
  'Newman', 'Barrett', 'Webster', 'Hunter', 'Gregory', 'Carr', 'Lowe', 'Page', 'Marsh', 'Riley', 'Dunn',
  'Woods', 'Parsons', 'Berry', 'Stone', 'Reid', 'Holland', 'Hawkins', 'Harding', 'Porter', 'Robertson',
  'Newton', 'Oliver', 'Reed', 'Kennedy', 'Williamson', 'Bird', 'Gardner', 'Shah', 'Dean', 'Lane', 'Cooke',
  'Bates', 'Henderson', 'Parry', 'Burgess', 'Bishop', 'Walton', 'Burns', 'Nicholson', 'Shepherd', 'Ross',
  'Cross', 'Long', 'Freeman', 'Warren', 'Nicholls', 'Hamilton', 'Byrne', 'Sutton', 'McDonald', 'Yates',
  'Hodgson', 'Robson', 'Curtis', 'Hopkins', "O'Connor", 'Harper', 'Coleman', 'Watkins', 'Moss', 'McCarthy',
  'Chambers', "O'Neill", 'Griffin', 'Sharp', 'Hardy', 'Wheeler', 'Potter', 'Osborne', 'Johnston', 'Gordon',
  'Doyle', 'Wallace', 'George', 'Jordan', 'Hutchinson', 'Rowe', 'Burke', 'May', 'Pritchard', 'Gilbert',
  'Willis', 'Higgins', 'Read', 'Miles', 'Stevenson', 'Stephenson', 'Hammond', 'Arnold', 'Buckley', 'Walters',
  'Hewitt', 'Barber', 'Nelson', 'Slater', 'Austin', 'Sullivan', 'Whitehead', 'Mann', 'Frost', 'Lambert',
  'Stephens', 'Blake', 'Akhtar', 'Lynch', 'Goodwin', 'Barton', 'Woodward', 'Thomson', 'Cunningham', 'Quinn',
  'Barnett', 'Baxter', 'Bibi', 'Clayton', 'Nash', 'Greenwood', 'Jennings', 'Holt', 'Kemp', 'Poole',
  'Gallagher', 'Bond', 'Stokes', 'Tucker', 'Davidson', 'Fowler', 'Heath', 'Norman', 'Middleton', 'Lawson',
  'Banks', 'French', 'Stanley', 'Jarvis', 'Gibbs', 'Ferguson', 'Hayward', 'Carroll', 'Douglas', 'Dickinson',
  'Todd', 'Barlow', 'Peters', 'Lucas', 'Knowles', 'Hartley', 'Miah', 'Simmons', 'Morton', 'Alexander',
  'Field', 'Morrison', 'Norris', 'Townsend', 'Preston',
];

/** Rarer names, several with a Merseyside or Lancashire flavour, a few double-barrelled. */
// prettier-ignore
const RARE_SURNAMES: readonly string[] = [
  'Fazakerley', 'Rimmer', 'Gorst', 'Aspinall', 'Formby', 'Halsall', 'Mawdsley', 'Culshaw', 'Ainscough',
  'Prescott', 'Kirkby', 'Sefton', 'Tyrer', 'Lunt', 'Rigby', 'Blundell', 'Molyneux', 'Sephton', 'Whiteside',
  'Pendleton', 'Dutton', 'Heaton', 'Seddon', 'Ashcroft', 'Cropper', 'Gaskell', 'Lyon', 'Threlfall',
  'Swarbrick', 'Atherton', 'Unsworth', 'Sumner', 'Tasker', 'Critchley', 'Hesketh', 'Tickle', 'Birchall',
  'Moorcroft', 'Ditchfield', "O'Hare", 'McCann', 'McGovern', 'Duggan', 'Kinsella', 'Hanlon', 'Brannigan',
  'Costello', 'Mahoney', 'Fitzpatrick', 'Shevlin', 'Caddick', 'McGrath', 'Flanagan', 'Rafferty', 'Nolan',
  'Nwosu', 'Okafor', 'Adeyemi', 'Mensah', 'Abdi', 'Farah', 'Yusuf', 'Hassan', 'Ibrahim', 'Chen', 'Wong',
  'Lam', 'Chan', 'Nguyen', 'Kowalski', 'Nowak', 'Mazur', 'Rahman', 'Islam', 'Chowdhury', 'Mistry', 'Sharma',
  'Kumar', 'Iqbal', 'Mahmood', 'Rossi', 'Da Silva', 'Smith-Jones', 'Lloyd-Davies', 'Owen-Hughes', 'Pryce',
  'Vaughan', 'Llewellyn', 'Cadwallader', 'Bowen', 'Prosser', 'Gwynne', 'Tatlock', 'Liptrot', 'Entwistle',
  'Ormerod', 'Greenhalgh', 'Haworth',
];

/** Every surname with its rough weight, most common first. */
export const SURNAMES: readonly (readonly [string, number])[] = [
  ...COMMON_SURNAMES,
  ...LESS_COMMON_SURNAMES.map((name, index): readonly [string, number] => [name, 5900 / (101 + index)]),
  ...RARE_SURNAMES.map((name): readonly [string, number] => [name, 1.5]),
];

export type Sex = 'male' | 'female';

/** Decades for which we hold popular given names; people born before 1930 take the 1930s names. */
export const NAME_DECADES = [1930, 1940, 1950, 1960, 1970, 1980, 1990, 2000, 2010, 2020] as const;
export type NameDecade = (typeof NAME_DECADES)[number];

/** Popular given names by decade of birth and sex, most popular first. */
// prettier-ignore
export const GIVEN_NAMES: Readonly<Record<NameDecade, Readonly<Record<Sex, readonly string[]>>>> = {
  1930: {
    male: [
      'John', 'William', 'George', 'James', 'Ronald', 'Robert', 'Kenneth', 'Frederick', 'Thomas', 'Albert',
      'Eric', 'Edward', 'Arthur', 'Charles', 'Leslie', 'Sidney', 'Frank', 'Peter', 'Dennis', 'Joseph',
    ],
    female: [
      'Margaret', 'Mary', 'Joan', 'Joyce', 'Dorothy', 'Patricia', 'Doreen', 'Jean', 'Irene', 'Elizabeth',
      'Kathleen', 'Betty', 'Eileen', 'Barbara', 'Sheila', 'Audrey', 'Edna', 'Florence', 'Vera', 'Lilian',
    ],
  },
  1940: {
    male: [
      'John', 'David', 'Michael', 'Peter', 'Robert', 'Anthony', 'Brian', 'Alan', 'William', 'James',
      'Richard', 'Kenneth', 'Roger', 'Keith', 'Colin', 'Christopher', 'Raymond', 'Terence', 'Barry',
      'Thomas',
    ],
    female: [
      'Margaret', 'Patricia', 'Christine', 'Mary', 'Jean', 'Ann', 'Susan', 'Janet', 'Maureen', 'Barbara',
      'Valerie', 'Sheila', 'Brenda', 'Pauline', 'Elizabeth', 'Kathleen', 'Linda', 'Carol', 'Sandra',
      'Sylvia',
    ],
  },
  1950: {
    male: [
      'David', 'John', 'Peter', 'Michael', 'Alan', 'Robert', 'Stephen', 'Paul', 'Brian', 'Graham', 'Philip',
      'Anthony', 'Colin', 'Christopher', 'Geoffrey', 'William', 'James', 'Keith', 'Terence', 'Kevin',
    ],
    female: [
      'Susan', 'Linda', 'Christine', 'Margaret', 'Janet', 'Patricia', 'Carol', 'Elizabeth', 'Mary', 'Anne',
      'Jane', 'Jacqueline', 'Barbara', 'Valerie', 'Pauline', 'Sandra', 'Gillian', 'Julie', 'Diane',
      'Maureen',
    ],
  },
  1960: {
    male: [
      'David', 'Paul', 'Andrew', 'Mark', 'John', 'Michael', 'Stephen', 'Ian', 'Robert', 'Richard',
      'Christopher', 'Peter', 'Simon', 'Anthony', 'Kevin', 'Gary', 'Steven', 'Martin', 'James', 'Philip',
    ],
    female: [
      'Susan', 'Julie', 'Karen', 'Jacqueline', 'Deborah', 'Tracey', 'Jane', 'Helen', 'Diane', 'Sharon',
      'Amanda', 'Alison', 'Sarah', 'Elizabeth', 'Nicola', 'Joanne', 'Lynn', 'Angela', 'Caroline', 'Paula',
    ],
  },
  1970: {
    male: [
      'Paul', 'Mark', 'David', 'Andrew', 'Richard', 'Christopher', 'James', 'Simon', 'Michael', 'Matthew',
      'Stephen', 'Lee', 'John', 'Robert', 'Darren', 'Daniel', 'Steven', 'Jason', 'Nicholas', 'Jonathan',
    ],
    female: [
      'Sarah', 'Claire', 'Nicola', 'Emma', 'Lisa', 'Joanne', 'Michelle', 'Helen', 'Samantha', 'Karen',
      'Amanda', 'Rachel', 'Louise', 'Julie', 'Clare', 'Rebecca', 'Sharon', 'Victoria', 'Caroline', 'Kelly',
    ],
  },
  1980: {
    male: [
      'Christopher', 'James', 'David', 'Daniel', 'Michael', 'Matthew', 'Andrew', 'Richard', 'Paul', 'Mark',
      'Thomas', 'Adam', 'Robert', 'John', 'Lee', 'Benjamin', 'Steven', 'Jonathan', 'Craig', 'Anthony',
    ],
    female: [
      'Sarah', 'Laura', 'Gemma', 'Emma', 'Rebecca', 'Claire', 'Victoria', 'Samantha', 'Rachel', 'Amy',
      'Jennifer', 'Nicola', 'Katie', 'Lisa', 'Kelly', 'Natalie', 'Louise', 'Michelle', 'Hayley', 'Stacey',
    ],
  },
  1990: {
    male: [
      'Daniel', 'Thomas', 'James', 'Christopher', 'Matthew', 'Joshua', 'Adam', 'Michael', 'Luke', 'Ryan',
      'Andrew', 'Jack', 'Samuel', 'Robert', 'Liam', 'Benjamin', 'Jamie', 'Callum', 'Connor', 'Mohammed',
    ],
    female: [
      'Rebecca', 'Lauren', 'Jessica', 'Charlotte', 'Hannah', 'Sophie', 'Amy', 'Emily', 'Laura', 'Emma',
      'Sarah', 'Chloe', 'Katie', 'Bethany', 'Megan', 'Jade', 'Danielle', 'Rachel', 'Samantha', 'Stephanie',
    ],
  },
  2000: {
    male: [
      'Jack', 'Thomas', 'Joshua', 'James', 'Daniel', 'Samuel', 'Oliver', 'William', 'Benjamin', 'Joseph',
      'Harry', 'Matthew', 'Lewis', 'Luke', 'Ethan', 'George', 'Adam', 'Alexander', 'Mohammed', 'Callum',
    ],
    female: [
      'Chloe', 'Emily', 'Megan', 'Charlotte', 'Jessica', 'Lauren', 'Sophie', 'Olivia', 'Hannah', 'Lucy',
      'Georgia', 'Rebecca', 'Bethany', 'Amy', 'Ellie', 'Katie', 'Emma', 'Abigail', 'Molly', 'Grace',
    ],
  },
  2010: {
    male: [
      'Oliver', 'Jack', 'Harry', 'Jacob', 'Charlie', 'Thomas', 'George', 'Oscar', 'James', 'William', 'Noah',
      'Alfie', 'Joshua', 'Muhammad', 'Leo', 'Archie', 'Ethan', 'Joseph', 'Freddie', 'Samuel',
    ],
    female: [
      'Amelia', 'Olivia', 'Lily', 'Jessica', 'Emily', 'Sophie', 'Ruby', 'Grace', 'Ava', 'Isabella', 'Evie',
      'Chloe', 'Mia', 'Isla', 'Poppy', 'Ella', 'Isabelle', 'Sophia', 'Freya', 'Daisy',
    ],
  },
  2020: {
    male: [
      'Noah', 'Muhammad', 'Oliver', 'George', 'Leo', 'Arthur', 'Oscar', 'Theodore', 'Freddie', 'Harry',
      'Archie', 'Jack', 'Henry', 'Charlie', 'Finley', 'Jacob', 'Teddy', 'Tommy', 'Alfie', 'Thomas',
    ],
    female: [
      'Olivia', 'Amelia', 'Isla', 'Ava', 'Ivy', 'Freya', 'Lily', 'Florence', 'Mia', 'Willow', 'Rosie',
      'Sophia', 'Isabella', 'Grace', 'Daisy', 'Sienna', 'Poppy', 'Elsie', 'Emily', 'Ella',
    ],
  },
};

/** The decade whose names suit someone born in `birthYear`. */
export function nameDecadeFor(birthYear: number): NameDecade {
  const decade = Math.floor(birthYear / 10) * 10;
  return NAME_DECADES.reduce((best, candidate) => (candidate <= decade ? candidate : best), NAME_DECADES[0]);
}

/** Given names of a decade and sex, weighted by rank so that the top names are much more common. */
export function weightedGivenNames(decade: NameDecade, sex: Sex): (readonly [string, number])[] {
  return GIVEN_NAMES[decade][sex].map((name, rank) => [name, 1 / (rank + 3)]);
}

/**
 * Familiar forms people give or staff write down instead of the formal name. Self-contained on
 * purpose: the matcher's own nickname table must be tested against data it did not produce.
 */
// prettier-ignore
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  William: ['Bill', 'Will', 'Billy'], Robert: ['Bob', 'Rob', 'Bobby'], Richard: ['Dick', 'Rich', 'Rick'],
  James: ['Jim', 'Jimmy', 'Jamie'], John: ['Jack', 'Johnny'], Michael: ['Mike', 'Mick'],
  Thomas: ['Tom', 'Tommy'], Christopher: ['Chris'], Anthony: ['Tony'], Andrew: ['Andy', 'Drew'],
  Daniel: ['Dan', 'Danny'], David: ['Dave', 'Davy'], Stephen: ['Steve'], Steven: ['Steve'],
  Matthew: ['Matt'], Joseph: ['Joe', 'Joey'], Edward: ['Ed', 'Ted', 'Eddie'], Peter: ['Pete'],
  Philip: ['Phil'], Nicholas: ['Nick'], Jonathan: ['Jon'], Samuel: ['Sam'], Benjamin: ['Ben'],
  Alexander: ['Alex'], Joshua: ['Josh'], Frederick: ['Fred', 'Freddie'], Albert: ['Bert', 'Bertie'],
  Charles: ['Charlie', 'Chas'], Henry: ['Harry', 'Hal'], Kenneth: ['Ken', 'Kenny'],
  Ronald: ['Ron', 'Ronnie'], Leslie: ['Les'], Sidney: ['Sid'], Dennis: ['Den'], Raymond: ['Ray'],
  Terence: ['Terry'], Geoffrey: ['Geoff'], Frank: ['Frankie'], Oliver: ['Ollie'],
  Theodore: ['Theo', 'Teddy'], Jacob: ['Jake'], Mohammed: ['Mo'], Muhammad: ['Mo'], Gary: ['Gaz'],
  Barry: ['Baz'], Darren: ['Daz'], Kevin: ['Kev'], Martin: ['Marty'], Callum: ['Cal'], Alan: ['Al'],
  Arthur: ['Art'], Eric: ['Rick'], Margaret: ['Maggie', 'Peggy', 'Meg'],
  Elizabeth: ['Liz', 'Beth', 'Betty', 'Lizzie'], Kathleen: ['Kath', 'Kathy'], Patricia: ['Pat', 'Trish'],
  Susan: ['Sue', 'Susie'], Christine: ['Chris', 'Chrissie'], Jacqueline: ['Jackie'],
  Deborah: ['Debbie', 'Deb'], Rebecca: ['Becky', 'Becca'], Samantha: ['Sam'], Victoria: ['Vicky', 'Tori'],
  Jennifer: ['Jenny', 'Jen'], Nicola: ['Nicky'], Amanda: ['Mandy'], Charlotte: ['Charlie', 'Lottie'],
  Jessica: ['Jess'], Abigail: ['Abi', 'Abby'], Isabella: ['Izzy', 'Bella'], Isabelle: ['Izzy'],
  Amelia: ['Millie'], Florence: ['Flo', 'Florrie'], Dorothy: ['Dot', 'Dolly'], Barbara: ['Babs', 'Barb'],
  Valerie: ['Val'], Sandra: ['Sandy'], Gillian: ['Gill'], Joanne: ['Jo'], Stephanie: ['Steph'],
  Danielle: ['Dani'], Natalie: ['Nat'], Bethany: ['Beth'], Emily: ['Em', 'Emmy'], Emma: ['Em'],
  Louise: ['Lou'], Angela: ['Angie'], Lilian: ['Lil', 'Lily'], Olivia: ['Liv', 'Livvy'],
  Mary: ['Molly', 'Polly'], Ann: ['Annie'], Anne: ['Annie'], Janet: ['Jan'], Diane: ['Di'], Sharon: ['Shaz'],
  Michelle: ['Shelley'], Rachel: ['Rach'], Sophie: ['Soph'], Sophia: ['Sophie'], Maureen: ['Mo'],
  Katie: ['Kate'], Jane: ['Janey'], Caroline: ['Caz'],
};
