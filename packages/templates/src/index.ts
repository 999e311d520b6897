/**
 * @packageDocumentation
 * The STKit paper's QA templates, units and number formatting, colour
 * palette, and `Sample` assembly in the LLaVA conversation format.
 */
export {
  PAPER_TEMPLATES,
  WHOLE_VIDEO_QUESTION_COUNT,
  WHOLE_VIDEO_ANSWER_COUNT,
  templateSetsFor,
  type PaperTemplates,
  type TemplateSets,
} from './paper-templates';
export {
  PLACEHOLDERS,
  FRAME_LIST_PATTERN,
  compileTemplate,
  bindTemplate,
  renderCompiled,
  renderTemplate,
  type Placeholder,
  type PlaceholderValues,
  type CompiledTemplate,
} from './template-render';
export {
  FRAME_PERIOD_SECONDS,
  formatFrameTimes,
  clipDurationSeconds,
  renderCommonPrompt,
  type CommonPromptOptions,
} from './common-prompt';
export { DEFAULT_MAX_FRAMES, selectFrameIndices } from './frame-selection';
export { COLOR_PALETTE, colorByName, pickColors, type PaletteColor } from './palette';
export {
  DISTANCE_UNITS,
  SPEED_UNITS,
  hasTwoSignificantDigits,
  allowedUnits,
  formatFixed2,
  formatDistance,
  formatSpeed,
  formatSeconds,
  formatClock,
  type UnitSpec,
  type DistanceUnitName,
  type SpeedUnitName,
  type FormattedQuantity,
  type FormatQuantityOptions,
} from './quantity-format';
export { findQuantities, parseQuantity, type QuantityKind, type QuantityMatch } from './quantity-parse';
export { sampleIdFor } from './sample-id';
export {
  VIDEO_TOKEN,
  buildSample,
  buildSamples,
  type BuildSampleOptions,
  type BuildSamplesOptions,
} from './build-sample';
export { hasVisualPrompt } from './clip-context';
export {
  toLlavaRecord,
  toLlavaImagesRecord,
  toShareGptRecord,
  questionWithoutPlaceholders,
  type LlavaRecord,
  type LlavaImagesRecord,
  type LlavaRecordOptions,
  type ShareGptRecord,
  type ShareGptMedia,
} from './llava';
