// Pairs of questions in different decks that look alike to the near-duplicate check but ask different things, each with why.

export const DISTINCT_PAIRS: Record<string, string> = {
  'code-softmax-ce-grad-batch ~ dl-gradient-check-central-differences':
    'The ML Coding card asks for the batched mean cross-entropy gradient (p - y)/N written without a one-hot matrix; the Deep Learning card asks how to check any analytic gradient numerically (central differences, relative error), using cross-entropy only as the worked example.',
  'code-layer-norm-formula ~ dl-batchnorm-transform':
    'The ML Coding card asks for the layer-norm formula over one token’s features with the biased variance; the Deep Learning card asks which examples batch norm takes its statistics over in training and what it outputs.',
  'grl-gae-lambda-limits ~ llm-gae-advantage':
    'The Generative & RL card asks what GAE reduces to at lambda = 0 and lambda = 1; the LLMs card asks for the TD error inside the GAE sum.',
  'grl-epsilon-greedy-weakness ~ llm-top-k-sampling':
    'The Generative & RL card asks about epsilon-greedy exploration in RL and its undirected exploration; the LLMs card asks about top-k sampling in decoding and its fixed k; only the question form is shared.',
  'grl-rlhf-per-token-rewards ~ llm-rlhf-kl-reward':
    'The Generative & RL card asks how implementations spread the reward over tokens (a per-token KL term, the reward-model score on the last token); the LLMs card asks for the sequence-level shaped reward that those per-token rewards sum to.',
  'grl-kl-regularized-rl-entropy ~ llm-dpo-optimal-policy':
    'The Generative & RL card asks how the KL-regularized objective rewrites as reward plus reference log-probability plus an entropy bonus; the LLMs card asks for the closed-form optimal policy of that objective.',
  'llm-prefix-caching ~ sd-llm-speculative-when':
    'The LLMs card asks what prefix caching reuses and when it pays; the System Design card asks when speculative decoding pays off or hurts in a serving design; they share only the wording "when does it pay".',
  'llm-dpo-loss ~ stat-gaussian-density':
    'The LLMs card asks for the DPO loss; the Statistics card asks for the Gaussian density; the overlap is LaTeX markup (log, frac, mid), not content.',
  'llm-dpo-loss ~ stat-map-estimate-definition':
    'The LLMs card asks for the DPO loss; the Statistics card asks for the MAP objective (log-likelihood plus log-prior); the overlap is LaTeX markup, not content.',
  'llm-dpo-loss ~ stat-kl-between-gaussians':
    'The LLMs card asks for the DPO loss; the Statistics card asks for the KL divergence between two univariate Gaussians; the overlap is LaTeX markup, not content.',
  'code-paired-bootstrap-difference ~ rp-paired-bootstrap-difference':
    'The Research Practice card asks how to compute a paired bootstrap interval for two models’ accuracy difference; the ML Coding card asks a debugging question: which code bugs (separate index draws, arrays not aligned on example ids) make a “paired” interval as wide as an unpaired one.',
  'mlf-ranking-metric-choice ~ sd-search-architecture':
    'The ML Fundamentals card asks which offline ranking metric fits which situation (MRR, NDCG, MAP, precision@k, recall@k); the System Design card asks for the components of a search ranking system.',
};
