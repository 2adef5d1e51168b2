// The audit page against the real server: a social worker creates and reads a person record
// through the API (with a purpose); the administrator and the unit's case officer see who did
// what, newest first; a police commander may not see a social-services record's trail.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  apiCall,
  apiLogIn,
  chooseLanguage,
  logInContext,
  logInWithForm,
  openPage,
  useServerAndBrowser,
} from './harness.mjs';

/** The rows of the events table as lists of cell texts. */
async function eventRows(page) {
  const rows = page.getByRole('table').getByRole('row');
  const out = [];
  for (let i = 1; i < (await rows.count()); i++)
    out.push(await rows.nth(i).getByRole('cell').allTextContents());
  return out;
}

describe('audit page', () => {
  const env = useServerAndBrowser();
  let personId;

  it('shows the administrator who created and read a person record, newest first', async () => {
    const worker = await apiLogIn(env, 'socialsekreterare');
    const created = await apiCall(env, worker, 'POST', '/api/v1/persons', {
      name: 'Testperson Granskning',
      birth_year: 1990,
      notes: 'skapad av webbtestet',
    });
    assert.ok([200, 201].includes(created.status), JSON.stringify(created.body));
    personId = created.body.id;
    const read = await apiCall(env, worker, 'GET', `/api/v1/persons/${personId}?purpose=case_work`);
    assert.equal(read.status, 200, JSON.stringify(read.body));

    const admin = (await apiLogIn(env, 'admin')).session.user;
    const { context, page, problems } = await openPage(env);
    try {
      await logInWithForm(page, 'admin', admin.display_name);
      await page
        .getByRole('navigation', { name: 'Huvudmeny' })
        .getByRole('link', { name: 'Granskning' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Granskning' }).waitFor();

      await page.getByRole('button', { name: 'Visa händelser' }).click();
      await page.locator('#audit-id-error').getByText('Ange postens nummer').waitFor();
      assert.equal(await page.getByLabel('Postens nummer').getAttribute('aria-invalid'), 'true');

      assert.equal(await page.getByLabel('Typ av post').inputValue(), 'person');
      await page.getByLabel('Postens nummer').fill(String(personId));
      await page.getByRole('button', { name: 'Visa händelser' }).click();
      await page.getByRole('heading', { level: 2, name: `Händelser för person ${personId}` }).waitFor();
      await page.getByRole('table').waitFor();
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('typ'), 'person');
      assert.equal(url.searchParams.get('id'), String(personId));

      const headers = await page.getByRole('table').getByRole('columnheader').allTextContents();
      assert.deepEqual(headers, ['Tid', 'Användare', 'Händelse', 'Ändamål', 'Utfall', 'Detalj']);
      const rows = await eventRows(page);
      // Looking at the trail is itself recorded: the admin's look-up is the newest event.
      assert.deepEqual(rows[0].slice(1, 5), ['admin', 'Granskning av händelserna', '–', 'Genomförd']);
      const workers = rows.filter((r) => r[1] === 'socialsekreterare');
      assert.equal(workers.length, 2, JSON.stringify(rows));
      const [newest, older] = workers;
      assert.deepEqual(newest.slice(1, 5), ['socialsekreterare', 'Läsning', 'Handläggning', 'Genomförd']);
      assert.deepEqual(older.slice(1, 3), ['socialsekreterare', 'Registrering']);
      assert.ok(rows.indexOf(newest) < rows.indexOf(older), 'the read after the creation, newest first');
      assert.match(newest[0], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'time in Swedish form');
      const times = await page
        .getByRole('table')
        .locator('time')
        .evaluateAll((els) => els.map((e) => new Date(e.getAttribute('datetime')).getTime()));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
        'newest first',
      );

      await chooseLanguage(page, 'English', 'en');
      await page.getByRole('heading', { level: 2, name: `Events for person ${personId}` }).waitFor();
      const english = (await eventRows(page)).find((r) => r[1] === 'socialsekreterare');
      assert.deepEqual(english.slice(2, 5), ['Read', 'Case work', 'Completed']);

      // The address keeps the record: a reload shows it again (with one more look-up).
      await page.reload();
      await page.getByRole('table').waitFor();
      assert.equal((await eventRows(page)).length, rows.length + 1);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it("shows the unit's case officer the trail, and tells a police commander it is not theirs", async () => {
    assert.ok(personId, 'the first test created the record');
    for (const [username, allowed] of [
      ['handlaggare', true],
      ['insatschef', false],
    ]) {
      const { context, page, problems } = await openPage(env);
      try {
        await logInContext(context, username);
        await page.goto(`/granskning?typ=person&id=${personId}`);
        await page.getByRole('heading', { level: 1, name: 'Granskning' }).waitFor();
        const result = page.locator('section[aria-labelledby="audit-result"][aria-busy="false"]');
        await result.waitFor();
        if (allowed) {
          const rows = await eventRows(page);
          assert.deepEqual(rows[0].slice(1, 3), ['handlaggare', 'Granskning av händelserna']);
          assert.ok(rows.some((r) => r[1] === 'socialsekreterare' && r[2] === 'Läsning'));
        } else {
          await result.getByText('Du har inte behörighet att se granskningen av den här posten.').waitFor();
          assert.equal(await page.getByRole('table').count(), 0);
        }
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    }
  });

  it('says so when a record has no trail or does not exist', async () => {
    const { context, page } = await openPage(env);
    try {
      await logInContext(context, 'admin');
      await page.goto('/granskning?typ=person&id=987654');
      const result = page.locator('section[aria-labelledby="audit-result"][aria-busy="false"]');
      await result.waitFor();
      const text = await result.textContent();
      assert.match(text, /Det finns (inga händelser för|ingen) person 987654/);
    } finally {
      await context.close();
    }
  });
});
