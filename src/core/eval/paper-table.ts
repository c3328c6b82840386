/** The paper's Table 1, ML-100k row (= ml-latest-small in the official code): mean and standard error. */
export const PAPER_ML100K: Record<string, { ndcg100: [number, number]; recall20: [number, number]; recall50: [number, number] }> = {
  multdae: { ndcg100: [0.24487, 0.02738], recall20: [0.23794, 0.03605], recall50: [0.32279, 0.0407] },
  multvae: { ndcg100: [0.27484, 0.02883], recall20: [0.24838, 0.03294], recall50: [0.3527, 0.03927] },
  macridvae: { ndcg100: [0.28895, 0.02739], recall20: [0.30951, 0.03808], recall50: [0.41309, 0.04503] },
};
