export {
  buildFeeds,
  type ColumnFeed,
  type DataColumn,
  type FeedPlan,
  type FeedType,
  type NumericFeedType,
  type PlanOptions,
  planFeeds,
  type ScoringColumns,
} from "./feeds.js";
export { choosePredictionOutput, type ModelFile, type PredictionOutput } from "./prediction-output.js";
export {
  openScoringSession,
  type ScoringOutput,
  type ScoringSession,
  type SessionOptions,
  type SmokeSummary,
  smokePredict,
} from "./session.js";
export { withTensorOutputs, type ZipMapOutput } from "./tensor-outputs.js";
