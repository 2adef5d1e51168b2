// The correction history of a concern report: a filed report is never deleted, and a correction
// keeps the earlier text, the reason and who corrected it when. Shown to the reporter on the task
// page and to the receiving unit with the received report.
import type { ConcernReport } from '../concern';
import { useI18n } from '../i18n';
import { Time } from './operations';
import { Fact } from './record_parts';

export function ReportCorrections(props: { report: ConcernReport; headingLevel: 3 | 4 }) {
  const { t } = useI18n();
  const { corrections } = props.report;
  if (corrections.length === 0) return null;
  const Heading = props.headingLevel === 3 ? 'h3' : 'h4';
  const headingId = `report-${props.report.id}-corrections`;
  return (
    <div class="corrections" role="group" aria-labelledby={headingId}>
      <Heading id={headingId}>{t('concern.corrections', { count: corrections.length })}</Heading>
      <ol class="corrections__list">
        {[...corrections].reverse().map((c, i) => (
          <li key={`${c.correctedAt}-${i}`} class="corrections__item">
            <dl class="facts">
              <Fact term={t('concern.correctedAt')}>
                <Time iso={c.correctedAt} />
                {c.correctedBy && ` · ${c.correctedBy}`}
              </Fact>
              <Fact term={t('concern.correctionReason')}>
                <span class="prewrap">{c.reason}</span>
              </Fact>
              <Fact term={t('concern.previousText')}>
                <span class="prewrap">{c.previousText}</span>
              </Fact>
            </dl>
          </li>
        ))}
      </ol>
    </div>
  );
}
