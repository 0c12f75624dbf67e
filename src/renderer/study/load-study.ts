// The study screen's code, loaded on first use: Home asks for it once the decks are shown, so a study started then does not wait.
export const loadStudyScreen = () => import('./StudyScreen');
