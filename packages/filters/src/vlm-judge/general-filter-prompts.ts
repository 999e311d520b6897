/**
 * The four prompts of the general model-based filter ([definitions §4](docs/pages/definitions.md#filtering), paper
 * Table 9), verbatim from `spec/prompts.json` → `general_filter` — including
 * the missing final full stop of `object_tracking`. A scene is kept only when
 * the VLM answers "Yes" to all four.
 */
export const GENERAL_FILTER_PROMPTS = Object.freeze({
  occlusion:
    "Is the object inside each bounding box fully visible, without significant occlusion? Respond with 'Yes' or 'No'.",
  camera_movement:
    "Do the video frames transition smoothly, without noticeable temporal discontinuities? Respond with 'Yes' or 'No'.",
  object_detection:
    "Is each bounding box tightly enclosing an individual object, without significant misalignment or cropping? Respond with 'Yes' or 'No'.",
  object_tracking:
    "Does each bounding box reliably track the target object across all frames, without losing alignment or missing the object? Respond with 'Yes' or 'No'",
} as const);

/** Id of one general-filter question. */
export type GeneralFilterPromptId = keyof typeof GENERAL_FILTER_PROMPTS;

/** The ids in the paper's order. */
export const GENERAL_FILTER_PROMPT_IDS = Object.freeze(Object.keys(GENERAL_FILTER_PROMPTS) as GeneralFilterPromptId[]);
