/**
 * The paper's answer-extraction system prompts (its Tables 20-26), verbatim
 * from `spec/prompts.json` (`extraction`), typos included; a test compares
 * them with that file when it is present.
 */
import type { TaskId } from '@stkit/core';

/** System prompt of the LLM extractor for each task. */
export const EXTRACTION_PROMPTS: Readonly<Record<TaskId, string>> = Object.freeze({
  traveled_distance:
    'You should help me to evaluate the response given the question and the correct answer.\nYou need to convert the distance of the correct answer and response to meters.\nThe conversion factors are as follows: 1 inch = 0.0254 meters. 1 foot = 0.3048 meters. 1 centimeter (cm) = 0.01 meters.\nYou should output two floats in meters, one for the answer, and one for the response.\nThe output should be in JSON format.',
  traveling_speed:
    'You should help me to evaluate the response given the question and the correct answer.\nYou need to convert the speed of the correct answer and response to kilometers per hour (km/h).\nThe conversion factors are as follows: 1 meters per second (m/s) = 3.6 kilometers per hour (km/h). 1 miles per hour (mph) = 1.60934 kilometers per hour (km/h). 1 foot per second (ft/s) = 1.09728 kilemoeters per hour (km/h).\nYou should output two floats in kilometers per hour (km/h), one for the answer, and one for the response.\nThe output should be in JSON format.',
  movement_direction:
    'You should help me to evaluate the response given the question and the correct answer.\nYou need to extract the direction of the correct answer and response.\nYou should output two integers in clock directions, one for the answer, and one for the response.\nThe output should be in JSON format.',
  direction_timestamp:
    'You should help me to evaluate the response given the question and the correct answer.\nYou need to extract the start time and end time in seconds of the correct answer and response.\nYou should output four floats in seconds, one for the answer start time, one for the answer end time, one for the response start time, and one for the response end time.\nThe output should be in JSON format.',
  traveled_distance_comparison:
    'You should help me to evaluate the response given the question and the correct answer.\nTo mark a response, you should output a single integer between 0 and 1.\n1 means that the response perfectly matches the answer.\n0 means that the response is completely different from the answer.\nThe output should be in JSON format.',
  traveling_speed_comparison:
    'You should help me to evaluate the response given the question and the correct answer.\nTo mark a response, you should output a single integer between 0 and 1.\n1 means that the response perfectly matches the answer.\n0 means that the response is completely different from the answer.\nThe output should be in JSON format.',
  movement_direction_comparison:
    'You should help me to evaluate the response given the question and the correct answer.\nTo mark a response, you should output a single integer between 0 and 1.\n1 means that the response perfectly matches the answer.\n0 means that the response is completely different from the answer.\nThe output should be in JSON format.',
});
