// The checklist of a key-points card: the learner ticks what they recalled, which suggests a rating.
import { CardFace } from './CardFace';

export function KeyPoints({ points, ticked, onToggle }: { points: string[]; ticked: Set<number>; onToggle: (index: number) => void }) {
  return (
    <ol className="key-points" data-testid="key-points">
      {points.map((point, index) => (
        <li key={index} className={ticked.has(index) ? 'ticked' : undefined}>
          <label>
            <input type="checkbox" checked={ticked.has(index)} onChange={() => onToggle(index)} aria-label={`Point ${index + 1}`} />
            <span className="key">{index + 1}</span>
            <CardFace html={point} className="point" />
          </label>
        </li>
      ))}
    </ol>
  );
}
