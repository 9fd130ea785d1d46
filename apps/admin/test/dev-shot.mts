// Dev: drive the running admin portal and take screenshots: tsx test/dev-shot.mts <adminUrl> <step>
import { chromium } from 'playwright-core'

const [, , base, step = 'setup'] = process.argv
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
})
const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
const page = await ctx.newPage()
page.on('pageerror', (e) => console.log('pageerror', e.message))
page.on('console', (m) => {
  if (m.type() === 'error') console.log('console', m.text())
})
const shot = async (name: string, width = 1440) => {
  await page.setViewportSize({ width, height: width < 500 ? 844 : 1000 })
  await page.waitForTimeout(400)
  await page.screenshot({ path: `/tmp/tools/${name}-${width}.png`, fullPage: true })
}
const login = async () => {
  await page.goto(`${base}/login`)
  await page.getByLabel('Email').fill('owner@shop.example')
  await page.getByLabel('Password', { exact: true }).fill('a long password')
  await page.getByRole('button', { name: /log in/i }).click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}
if (step === 'setup') {
  await page.goto(`${base}/`)
  await page.getByRole('heading', { name: 'Set up Tandem' }).waitFor()
  await shot('setup', 390)
  await page.getByLabel('Your name').fill('Olivia Owner')
  await page.getByLabel('Email').fill('owner@shop.example')
  await page.getByLabel('Password', { exact: true }).fill('a long password')
  await page.getByLabel('Password again').fill('a long password')
  await page.getByRole('button', { name: 'Create owner account' }).click()
  await page.waitForURL(/programs\/new/)
  await shot('new-program')
  await shot('new-program', 390)
  await page.getByLabel('Name', { exact: true }).fill('Acme Shop')
  await page.getByLabel('Slug').fill('acme-shop')
  await page.getByLabel('Allowed domains').fill('acme.example')
  await page.getByLabel('Default landing page').fill('https://elsewhere.example/')
  await page.getByRole('button', { name: 'Create program' }).click()
  await page.waitForTimeout(1000)
  await shot('new-program-error')
  await page.getByLabel('Default landing page').fill('https://acme.example/')
  await page.getByRole('button', { name: 'Create program' }).click()
  await page.waitForURL(/rules/)
  await page.waitForTimeout(1500)
  await shot('rules')
  await shot('rules', 390)
  await page.goto(`${base}/partners/new`)
  await page.getByLabel('Name').fill('Ada Lovelace')
  await page.getByLabel('Email').fill('ada@partners.example')
  await page.getByLabel(/Acme Shop/).check()
  await page.getByRole('button', { name: 'Add partner' }).click()
  await page.waitForURL(/partners\/[0-9a-f-]{36}/)
  console.log('url', page.url())
  await page.screenshot({ path: '/tmp/tools/partner-debug.png', fullPage: true })
  await page.getByLabel('Destination').fill('https://acme.example/shoes')
  await page.getByRole('button', { name: 'Create link' }).click()
  await page.getByText('Link created.').waitFor()
  await page.getByRole('button', { name: 'Invite to the portal' }).click()
  await page.getByTestId('invite-link').waitFor()
  await shot('partner')
  await shot('partner', 390)
} else if (step === 'partner') {
  await login()
  await page.goto(`${base}/partners`)
  await page.getByRole('link', { name: 'Ada Lovelace' }).click()
  await page.waitForTimeout(2500)
  console.log('url', page.url())
  await shot('partner')
  await shot('partner', 390)
} else {
  await login()
  await page.goto(`${base}${step}`)
  await page.waitForTimeout(2000)
  await shot(step.replace(/\W+/g, '_'))
  await shot(step.replace(/\W+/g, '_'), 390)
}
await browser.close()
