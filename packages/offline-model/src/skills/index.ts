import type { OfflineSkill } from '../offline-skill';
import { aimeActorSkill } from './aime-actor-skill';
import { aimeJudgeSkill } from './aime-judge-skill';
import { aimePlannerSkill } from './aime-planner-skill';
import { aimeReflectionSkill } from './aime-reflection-skill';
import { plainChatSkill } from './plain-chat-skill';
import { structuredOutputSkill } from './structured-output-skill';
import { toolCallSkill } from './tool-call-skill';

/**
 * The offline model's skills, asked in order; the first that handles a request answers it.
 * Role-specific skills (planner, actor, reflection …) go BEFORE the generic ones below.
 */
export const defaultOfflineSkills: OfflineSkill[] = [
  aimeReflectionSkill,
  aimePlannerSkill,
  aimeActorSkill,
  aimeJudgeSkill,
  // Generic fallbacks — keep these last.
  structuredOutputSkill,
  toolCallSkill,
  plainChatSkill,
];
