// Screens as hash routes, so the back button and a reload keep the learner where they were.
import { useEffect, useRef, useState } from 'react';
import { leaveTo, mayShow } from './leave-guard';

export type Route =
  | { screen: 'home' }
  /** A deck (null: every deck), or today's plan of an interview, or chosen cards (the ones at risk). */
  | { screen: 'study'; deckId: string | null; planId?: string; cardIds?: string[] }
  | { screen: 'interview'; planId: string | null }
  | { screen: 'settings' }
  /** `picked`: the token and file name the desktop app's own dialog handed over (never a path). */
  | { screen: 'import'; picked: { file: string; name: string } | null }
  | { screen: 'export' }
  | { screen: 'browse'; query: string }
  | { screen: 'add' }
  | { screen: 'stats' }
  /** Story prompts (waiting and answered) or the flagship projects they are told about. */
  | { screen: 'stories'; view: 'prompts' | 'projects' }
  /** One story prompt in the editor, the guidance beside the learner's own points; null: a new prompt. */
  | { screen: 'story'; noteId: string | null };

export function parseRoute(hash: string): Route {
  const plan = /^#\/study\/plan\/(.+)$/.exec(hash);
  if (plan) return { screen: 'study', deckId: null, planId: decodeURIComponent(plan[1]!) };
  const chosen = /^#\/study\/cards\/(.+)$/.exec(hash);
  if (chosen) return { screen: 'study', deckId: null, cardIds: chosen[1]!.split(',').map(decodeURIComponent) };
  const interview = /^#\/interview(?:\/(.+))?$/.exec(hash);
  if (interview) return { screen: 'interview', planId: interview[1] ? decodeURIComponent(interview[1]) : null };
  const study = /^#\/study(?:\/(.+))?$/.exec(hash);
  if (study) return { screen: 'study', deckId: study[1] ? decodeURIComponent(study[1]) : null };
  if (hash === '#/settings') return { screen: 'settings' };
  const imported = /^#\/import(?:\?file=([0-9a-f]{32})&name=(.*))?$/.exec(hash);
  if (imported) return { screen: 'import', picked: imported[1] ? { file: imported[1], name: decodeURIComponent(imported[2]!) } : null };
  if (hash === '#/export') return { screen: 'export' };
  const browse = /^#\/browse(?:\?q=(.*))?$/.exec(hash);
  if (browse) return { screen: 'browse', query: browse[1] ? decodeURIComponent(browse[1]) : '' };
  if (hash === '#/add') return { screen: 'add' };
  if (hash === '#/stats') return { screen: 'stats' };
  if (hash === '#/stories') return { screen: 'stories', view: 'prompts' };
  if (hash === '#/stories/projects') return { screen: 'stories', view: 'projects' };
  if (hash === '#/stories/new') return { screen: 'story', noteId: null };
  const story = /^#\/stories\/note\/(.+)$/.exec(hash);
  if (story) return { screen: 'story', noteId: decodeURIComponent(story[1]!) };
  return { screen: 'home' };
}

export function routeHash(route: Route): string {
  if (route.screen === 'study' && route.planId) return `#/study/plan/${encodeURIComponent(route.planId)}`;
  if (route.screen === 'study' && route.cardIds) return `#/study/cards/${route.cardIds.map(encodeURIComponent).join(',')}`;
  if (route.screen === 'interview') return route.planId ? `#/interview/${encodeURIComponent(route.planId)}` : '#/interview';
  if (route.screen === 'study') return route.deckId ? `#/study/${encodeURIComponent(route.deckId)}` : '#/study';
  if (route.screen === 'settings') return '#/settings';
  if (route.screen === 'import') return route.picked ? `#/import?file=${route.picked.file}&name=${encodeURIComponent(route.picked.name)}` : '#/import';
  if (route.screen === 'export') return '#/export';
  if (route.screen === 'browse') return route.query ? `#/browse?q=${encodeURIComponent(route.query)}` : '#/browse';
  if (route.screen === 'add') return '#/add';
  if (route.screen === 'stats') return '#/stats';
  if (route.screen === 'stories') return route.view === 'projects' ? '#/stories/projects' : '#/stories';
  if (route.screen === 'story') return route.noteId === null ? '#/stories/new' : `#/stories/note/${encodeURIComponent(route.noteId)}`;
  return '#/';
}

/** Goes to `route`, once a screen with unsaved work (leave-guard.ts) agrees. */
export function navigate(route: Route): void {
  leaveTo(routeHash(route));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  const shown = useRef(window.location.hash);
  useEffect(() => {
    const onChange = () => {
      const next = window.location.hash;
      if (mayShow(next)) {
        shown.current = next;
        setRoute(parseRoute(next));
        return;
      }
      // Back, forward or a typed address while a screen holds unsaved work: stay, and ask.
      history.replaceState(history.state, '', shown.current || '#/');
      leaveTo(next);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
