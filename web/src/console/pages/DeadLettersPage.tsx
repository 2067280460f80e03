// Messages the consumers refused, with why and how often they were tried; each can be replayed on its
// original subject after a confirmation, and the answer is shown on the card.
import { useState } from 'react';
import { problemOf, unwrap } from '../../api/problem';
import type { Problem } from '../../api/types';
import { Button } from '../../ui/Button';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { formatDateTime } from '../layout/format';
import { Panel } from '../panels/Panel';
import { type DeadLetter, useTelemetry } from '../telemetry';
import { usePoll } from '../usePoll';

export function DeadLettersPage() {
  const telemetry = useTelemetry();
  const letters = usePoll((signal) => unwrap(telemetry.GET('/v1/dead-letters', { signal })), []);
  const items = letters.data?.items ?? [];
  return (
    <Panel title={`Dead letters (${items.length})`} live={letters} testId="dead-letters">
      {items.length === 0 ? (
        <p className="empty">No dead letters: every message was handled.</p>
      ) : (
        <ol className="dead-letters">
          {items.map((letter) => (
            // A message refused by two consumers is two dead letters with the same id.
            <DeadLetterCard key={`${letter.id}:${letter.consumer}`} letter={letter} />
          ))}
        </ol>
      )}
    </Panel>
  );
}

type ReplayState =
  | { step: 'idle' }
  | { step: 'confirm' }
  | { step: 'busy' }
  | { step: 'done' }
  | { step: 'failed'; problem: Problem };

function DeadLetterCard({ letter }: { letter: DeadLetter }) {
  const telemetry = useTelemetry();
  const [state, setState] = useState<ReplayState>({ step: 'idle' });
  const replay = async () => {
    setState({ step: 'busy' });
    try {
      await unwrap(telemetry.POST('/v1/dead-letters/{id}/replay', { params: { path: { id: letter.id } } }));
      setState({ step: 'done' });
    } catch (error) {
      setState({ step: 'failed', problem: problemOf(error) });
    }
  };
  return (
    <li className="card dead-letter" data-dead-letter={letter.id} data-consumer={letter.consumer}>
      <div className="spread">
        <div>
          <b>{letter.type ?? letter.subject}</b>
          <div className="muted">
            to <code>{letter.consumer}</code> · {letter.deliveries}{' '}
            {letter.deliveries === 1 ? 'delivery' : 'deliveries'}
            {letter.time ? ` · ${formatDateTime(letter.time)}` : ''}
          </div>
        </div>
        <div className="row">
          {state.step === 'idle' && (
            <Button variant="secondary" onClick={() => setState({ step: 'confirm' })}>
              Replay
            </Button>
          )}
          {state.step === 'confirm' && (
            <>
              <span>Publish it again on {letter.subject}? Every consumer of that subject receives it.</span>
              <Button onClick={replay}>Confirm replay</Button>
              <Button variant="link" onClick={() => setState({ step: 'idle' })}>
                Cancel
              </Button>
            </>
          )}
          {state.step === 'busy' && <Button busy>Replaying</Button>}
          {state.step === 'done' && (
            <span className="notice notice-ok" role="status">
              Replayed: consumers will receive it again.
            </span>
          )}
        </div>
      </div>
      <p className="dead-letter-reason">{letter.reason}</p>
      {state.step === 'failed' && <ProblemMessage problem={state.problem} />}
      <details>
        <summary>message data</summary>
        <pre>{JSON.stringify(letter.data, null, 2)}</pre>
      </details>
    </li>
  );
}
