// The cards a note will make, drawn as the study screen draws them, under the editor.
import type { NotePreview } from '../../shared/dto';
import { CardFace } from '../study/CardFace';
import { KeyPoints } from '../study/KeyPoints';

export function EditorPreview({ preview }: { preview: NotePreview }) {
  return (
    <div className="editor-preview" data-testid="editor-preview">
      {preview.cards.map((card) => (
        <div key={card.ord} className="preview-card">
          <CardFace html={card.front} />
          <div className="back">
            <CardFace html={card.back} />
            {card.keyPoints && <KeyPoints points={card.keyPoints} ticked={new Set()} onToggle={() => undefined} />}
          </div>
        </div>
      ))}
    </div>
  );
}
