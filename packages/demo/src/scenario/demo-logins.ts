/** Password of every demo user (the launcher prints it; never use the demo seed in production). */
export const DEMO_PASSWORD = 'tandem-demo'

export interface DemoAdminLogin {
  /** What the launcher prints next to the login, e.g. "Admin (owner)". */
  readonly label: string
  readonly email: string
  readonly password: string
  readonly name: string
  readonly kind: 'admin'
  readonly role: 'owner' | 'manager' | 'viewer'
}

export interface DemoPartnerLogin {
  readonly label: string
  readonly email: string
  readonly password: string
  readonly name: string
  readonly kind: 'partner'
  readonly partnerType: 'affiliate' | 'ambassador'
}

/** Who can sign in to the demo: three admin roles and one partner of each type. */
export const DEMO_LOGINS: {
  readonly owner: DemoAdminLogin
  readonly manager: DemoAdminLogin
  readonly viewer: DemoAdminLogin
  readonly affiliate: DemoPartnerLogin
  readonly ambassador: DemoPartnerLogin
} = {
  owner: {
    label: 'Admin (owner)',
    email: 'admin@tandem.test',
    password: DEMO_PASSWORD,
    name: 'Ada Owner',
    kind: 'admin',
    role: 'owner',
  },
  manager: {
    label: 'Admin (manager)',
    email: 'manager@tandem.test',
    password: DEMO_PASSWORD,
    name: 'Max Manager',
    kind: 'admin',
    role: 'manager',
  },
  viewer: {
    label: 'Admin (viewer)',
    email: 'viewer@tandem.test',
    password: DEMO_PASSWORD,
    name: 'Vera Viewer',
    kind: 'admin',
    role: 'viewer',
  },
  affiliate: {
    label: 'Partner (affiliate)',
    email: 'affiliate@tandem.test',
    password: DEMO_PASSWORD,
    name: 'Alex Trailwood',
    kind: 'partner',
    partnerType: 'affiliate',
  },
  ambassador: {
    label: 'Partner (ambassador)',
    email: 'ambassador@tandem.test',
    password: DEMO_PASSWORD,
    name: 'Amira Haddad',
    kind: 'partner',
    partnerType: 'ambassador',
  },
}
