// The cards a note will make, drawn as the study screen draws them, under the editor.
import type { NotePreview } from '../../shared/dto';
import { CardFace } from '../study/CardFace';
import { KeyPoints } from '../study/KeyPoints';
import { splitSource } from '../study/source-last';

export function EditorPreview({ preview }: { preview: NotePreview }) {
  return (
    <div className="editor-preview" data-testid="editor-preview">
      {preview.cards.map((card) => {
        // As in study: what follows the points (the Source, a story's guidance) is drawn after them.
        const back = card.keyPoints ? splitSource(card.back) : { body: card.back, source: '' };
        return (
          <div key={card.ord} className="preview-card">
            <CardFace html={card.front} />
            <div className="back">
              <CardFace html={back.body} />
              {card.keyPoints && <KeyPoints points={card.keyPoints} ticked={new Set()} onToggle={() => undefined} />}
              {back.source && <CardFace html={back.source} />}
            </div>
          </div>
        );
      })}
    </div>
  );
}
